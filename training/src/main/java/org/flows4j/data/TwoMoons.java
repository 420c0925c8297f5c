package org.flows4j.data;

import java.util.SplittableRandom;

/**
 * Two interleaved half circles with Gaussian noise σ: a point of moon 1 is {@code (cos θ, sin θ)}, of moon 2
 * {@code (1 − cos θ, 0.5 − sin θ)}, θ ~ U(0, π), each moon with probability ½, plus N(0, σ²I).
 * {@code p(x) = ½ Σ_moons (1/π) ∫₀^π N(x; c(θ), σ²I) dθ}, integrated by the composite Simpson rule.
 */
public record TwoMoons(double noise) implements KnownDensity {
    /** Simpson intervals over θ ∈ [0, π]: a step of 0.008 rad resolves the σ = 0.1 noise kernel many times over. */
    private static final int INTERVALS = 400;

    /** The standard set, noise σ = 0.1. */
    public TwoMoons() {
        this(0.1);
    }

    @Override
    public String name() {
        return "moons";
    }

    @Override
    public int dim() {
        return 2;
    }

    @Override
    public double[] draw(SplittableRandom random) {
        double theta = Math.PI * random.nextDouble();
        boolean upper = random.nextBoolean();
        double x = upper ? Math.cos(theta) : 1 - Math.cos(theta);
        double y = upper ? Math.sin(theta) : 0.5 - Math.sin(theta);
        return new double[] {x + noise * random.nextGaussian(), y + noise * random.nextGaussian()};
    }

    @Override
    public double logDensity(double[] p) {
        // Simpson weights over θ; terms are exp(−d²/2σ²) scaled by their maximum to avoid underflow.
        double h = Math.PI / INTERVALS;
        double[] logTerms = new double[2 * (INTERVALS + 1)];
        int k = 0;
        for (int moon = 0; moon < 2; moon++) {
            for (int i = 0; i <= INTERVALS; i++) {
                double theta = i * h;
                double cx = moon == 0 ? Math.cos(theta) : 1 - Math.cos(theta);
                double cy = moon == 0 ? Math.sin(theta) : 0.5 - Math.sin(theta);
                double d2 = (p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy);
                double w = (i == 0 || i == INTERVALS) ? 1 : (i % 2 == 1 ? 4 : 2);
                logTerms[k++] = Math.log(w * h / 3) - d2 / (2 * noise * noise);
            }
        }
        return KnownDensity.logSumExp(logTerms) + Math.log(0.5 / Math.PI) - Math.log(2 * Math.PI * noise * noise);
    }
}
