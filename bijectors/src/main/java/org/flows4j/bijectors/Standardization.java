package org.flows4j.bijectors;

import org.flows4j.core.Backward;
import org.flows4j.core.FixedEventShape;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fixed per-feature standardization {@code y = (x − μ) / σ} on {@code [N, D]}, {@code log|det J| = −Σ log σ}.
 * Put first in a chain, it lets a flow train on unit-scale features while reporting densities in the data's units.
 */
public final class Standardization implements FixedEventShape {
    private final double[] mean;
    private final double[] scale;

    /**
     * Standardization with per-feature means μ and scales σ (copied); the arrays must have the same length, the means
     * be finite and the scales positive and finite.
     */
    public Standardization(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("Standardization: expected a mean and a scale of one length, got "
                    + mean.length + " and " + scale.length);
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("Standardization: feature " + i + ": expected a finite mean and a "
                        + "positive finite scale, got " + mean[i] + " and " + scale[i]);
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /** μ and σ (population standard deviation) of each column of {@code x}; a constant column is refused. */
    public static Standardization fit(INDArray x) {
        if (x.rank() != 2 || x.size(0) < 1) {
            throw new IllegalArgumentException("Standardization.fit: expected rows [N, D] with N >= 1, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (!org.nd4j.linalg.indexing.BooleanIndexing.and(x, org.nd4j.linalg.indexing.conditions.Conditions
                .isFinite())) {
            throw new IllegalArgumentException("Standardization.fit: expected finite values, got NaN or infinite ones");
        }
        int constant = constantColumn(x);
        if (constant >= 0) {
            throw new IllegalArgumentException("column " + (constant + 1) + " is constant; it has no density to fit");
        }
        return new Standardization(x.mean(0).toDoubleVector(), x.std(false, 0).toDoubleVector());
    }

    /** The index of the first column of {@code x} with zero spread, or −1 if there is none. */
    public static int constantColumn(INDArray x) {
        double[] sd = x.std(false, 0).toDoubleVector();
        for (int i = 0; i < sd.length; i++) {
            if (!(sd[i] > 0)) {
                return i;
            }
        }
        return -1;
    }

    /** A copy of the per-feature means μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the per-feature scales σ. */
    public double[] scale() {
        return scale.clone();
    }

    private INDArray row(double[] v, INDArray like) {
        return Nd4j.createFromArray(new double[][] {v}).castTo(like.dataType());
    }

    /** The event shape {@code [mean.length]}: this layer takes and keeps no other. */
    @Override
    public long[] eventShape() {
        return new long[] {mean.length};
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        double logDet = 0;
        for (double s : scale) {
            logDet -= Math.log(s);
        }
        INDArray y = checked(x).subRowVector(row(mean, x)).diviRowVector(row(scale, x));
        return new Transformed(y, Nd4j.valueArrayOf(new long[] {x.size(0)}, logDet, x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return checked(y).mulRowVector(row(scale, y)).addiRowVector(row(mean, y));
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        return new Backward(inverse(y), gradOutput.divRowVector(row(scale, y)));
    }
}
