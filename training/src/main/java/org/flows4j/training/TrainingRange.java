package org.flows4j.training;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each column's range over the training rows, {@code [min_j, max_j]} in the data's units, with the column's training
 * standard deviation σ_j, to say how far a row lies outside what a model has seen. A row's excess in column j is
 * {@code (min_j − x_j)/σ_j} below the range, {@code (x_j − max_j)/σ_j} above it and 0 inside; the row is out of range
 * when its largest excess is above a margin ({@link #DEFAULT_MARGIN} = 0.5 training SDs by default), so that the
 * natural tails of new data — a little beyond the extremes of a finite training sample — are not flagged.
 *
 * <p>A flow's log-density is exact for the model everywhere, but outside the training range it is an extrapolation
 * of the networks inside the couplings, and can be astronomically low for a row only moderately far out.
 *
 * @param min   the smallest training value of each column
 * @param max   the largest training value of each column
 * @param scale each column's training standard deviation σ (the standardization's)
 */
public record TrainingRange(double[] min, double[] max, double[] scale) {

    /** The default margin, in training standard deviations, beyond which a row counts as out of range. */
    public static final double DEFAULT_MARGIN = 0.5;

    /** Copies the arrays and checks that they have one length, {@code min ≤ max} and {@code σ > 0}, all finite. */
    public TrainingRange {
        if (min.length != max.length || min.length != scale.length) {
            throw new IllegalArgumentException("TrainingRange: expected min, max and scale of one length, got "
                    + min.length + ", " + max.length + " and " + scale.length);
        }
        for (int j = 0; j < min.length; j++) {
            if (!(min[j] <= max[j]) || !Double.isFinite(min[j]) || !Double.isFinite(max[j])
                    || !(scale[j] > 0) || !Double.isFinite(scale[j])) {
                throw new IllegalArgumentException("TrainingRange: column " + (j + 1) + ": expected finite min <= max"
                        + " and scale > 0, got " + min[j] + ", " + max[j] + ", " + scale[j]);
            }
        }
        min = min.clone();
        max = max.clone();
        scale = scale.clone();
    }

    /** The range of the rows of {@code train} ({@code [N, D]}), with the columns' standard deviations {@code scale}. */
    public static TrainingRange of(INDArray train, double[] scale) {
        INDArray x = train.castTo(DataType.DOUBLE);
        return new TrainingRange(x.min(0).toDoubleVector(), x.max(0).toDoubleVector(), scale);
    }

    /** The number of columns. */
    public int dim() {
        return min.length;
    }

    /**
     * Every row's largest excess in training standard deviations and the column where it is (−1 for a row inside the
     * range), for rows {@code [N, D]} in the data's units; rows whose excess is above {@code margin} count as out of
     * range.
     */
    public Excess excess(INDArray rows, double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("TrainingRange.excess: expected a margin >= 0, got " + margin);
        }
        if (rows.rank() != 2 || rows.size(1) != dim()) {
            throw new IllegalArgumentException("TrainingRange.excess: expected rows of shape [N, " + dim() + "], got "
                    + Arrays.toString(rows.shape()));
        }
        double[][] x = rows.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] sd = new double[x.length];
        int[] column = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            column[i] = -1;
            for (int j = 0; j < dim(); j++) {
                double e = x[i][j] < min[j] ? (min[j] - x[i][j]) / scale[j]
                        : x[i][j] > max[j] ? (x[i][j] - max[j]) / scale[j] : 0;
                if (e > sd[i]) {
                    sd[i] = e;
                    column[i] = j;
                }
            }
        }
        return new Excess(sd, column, margin);
    }

    /**
     * Per row: the largest excess over the training range in training standard deviations (0 inside) and its column
     * index (−1 inside), and the margin beyond which a row counts as out of range.
     *
     * @param sd     the largest excess of each row, in training standard deviations
     * @param column the column of that excess, or −1 for a row inside the range
     * @param margin the excess, in training standard deviations, a row may have and still count as in range
     */
    public record Excess(double[] sd, int[] column, double margin) {

        /** Whether row {@code i} lies more than the margin outside the training range. */
        public boolean outside(int i) {
            return sd[i] > margin;
        }

        /** The number of rows outside the training range by more than the margin. */
        public int outsideCount() {
            return (int) java.util.stream.IntStream.range(0, sd.length).filter(this::outside).count();
        }
    }
}
