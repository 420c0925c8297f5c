package org.flows4j.data;

import java.util.SplittableRandom;

/**
 * An equal-weight mixture of K axis-aligned Gaussians in D dimensions:
 * {@code p(x) = (1/K) Σ_k Π_d N(x_d; μ_kd, σ_kd²)}. The means and scales are fixed by the constructor's arguments.
 */
public final class GaussianMixture implements KnownDensity {
    private final String name;
    private final double[][] means;
    private final double[][] scales;

    /**
     * A mixture named {@code name} with {@code means[k][d]} = μ_kd and {@code scales[k][d]} = σ_kd, both
     * {@code [K][D]} with K, D ≥ 1, finite means and finite scales &gt; 0 (kept, not copied); K is
     * {@code means.length} and D {@code means[0].length}.
     */
    public GaussianMixture(String name, double[][] means, double[][] scales) {
        if (means.length < 1 || scales.length != means.length || means[0].length < 1) {
            throw new IllegalArgumentException("GaussianMixture: expected means and scales of one shape [K][D] with "
                    + "K, D >= 1, got " + means.length + " and " + scales.length + " components");
        }
        for (int k = 0; k < means.length; k++) {
            if (means[k].length != means[0].length || scales[k].length != means[0].length) {
                throw new IllegalArgumentException("GaussianMixture: component " + k + ": expected " + means[0].length
                        + " means and scales, got " + means[k].length + " and " + scales[k].length);
            }
            for (int d = 0; d < means[k].length; d++) {
                if (!Double.isFinite(means[k][d]) || !(scales[k][d] > 0) || !Double.isFinite(scales[k][d])) {
                    throw new IllegalArgumentException("GaussianMixture: component " + k + ", dimension " + d
                            + ": expected a finite mean and a finite scale > 0, got " + means[k][d] + " and "
                            + scales[k][d]);
                }
            }
        }
        this.name = name;
        this.means = means;
        this.scales = scales;
    }

    /** K components with means uniform in [−spread, spread]^D and scales uniform in [0.2, 0.8], drawn from seed. */
    public static GaussianMixture random(int dim, int components, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] means = new double[components][dim];
        double[][] scales = new double[components][dim];
        for (int k = 0; k < components; k++) {
            for (int d = 0; d < dim; d++) {
                means[k][d] = spread * (2 * random.nextDouble() - 1);
                scales[k][d] = 0.2 + 0.6 * random.nextDouble();
            }
        }
        return new GaussianMixture("gmm" + dim, means, scales);
    }

    /** The classic 2-D benchmark: 8 Gaussians (σ = 0.2) evenly spaced on a circle of radius 2. */
    public static GaussianMixture eightGaussians() {
        double[][] means = new double[8][];
        double[][] scales = new double[8][];
        for (int k = 0; k < 8; k++) {
            double a = 2 * Math.PI * k / 8;
            means[k] = new double[] {2 * Math.cos(a), 2 * Math.sin(a)};
            scales[k] = new double[] {0.2, 0.2};
        }
        return new GaussianMixture("8gaussians", means, scales);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dim() {
        return means[0].length;
    }

    @Override
    public double[] draw(SplittableRandom random) {
        int k = random.nextInt(means.length);
        double[] x = new double[dim()];
        for (int d = 0; d < x.length; d++) {
            x[d] = means[k][d] + scales[k][d] * random.nextGaussian();
        }
        return x;
    }

    @Override
    public double logDensity(double[] x) {
        double[] terms = new double[means.length];
        for (int k = 0; k < means.length; k++) {
            double s = -Math.log(means.length);
            for (int d = 0; d < x.length; d++) {
                double u = (x[d] - means[k][d]) / scales[k][d];
                s += -0.5 * u * u - Math.log(scales[k][d]) - 0.5 * Math.log(2 * Math.PI);
            }
            terms[k] = s;
        }
        return KnownDensity.logSumExp(terms);
    }
}
