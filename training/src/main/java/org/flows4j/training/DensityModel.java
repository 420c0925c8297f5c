package org.flows4j.training;

import java.util.Arrays;
import java.util.List;
import org.flows4j.bijectors.Standardization;
import org.flows4j.core.Flow;
import org.flows4j.data.Table;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted tabular density: the architecture, the column names it was fitted on, the flow (whose first bijector is
 * the fixed {@link Standardization}), and the sorted log-densities of the training rows at 1001 quantiles
 * (0%, 0.1%, …, 100%), from which an anomaly threshold at any percentile is read.
 */
public record DensityModel(TabularModel spec, List<String> columns, Flow flow, double[] trainingLogProbQuantiles) {

    /** The number of stored training quantiles, at steps of 0.1% from 0% to 100%. */
    public static final int QUANTILES = 1001;

    /**
     * Copies the column names and the quantiles, which should be {@link #QUANTILES} sorted log-densities as made by
     * {@link #quantiles}.
     */
    public DensityModel {
        columns = List.copyOf(columns);
        trainingLogProbQuantiles = trainingLogProbQuantiles.clone();
    }

    /** {@code log p(x)} in the data's units for every row of {@code table} (columns in the model's order), as float64. */
    public INDArray logProb(Table table) {
        org.nd4j.linalg.api.buffer.DataType type = flow.parameters().get(0).value().dataType();
        return flow.logProbInBatches(table.values(type), 8192).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    /** The standardization the flow starts with. */
    public Standardization standardization() {
        return (Standardization) ((org.flows4j.core.Chain) flow.bijector()).parts().get(0);
    }

    /** The 1001 quantiles of the given log-densities, linearly interpolated. */
    public static double[] quantiles(INDArray logProb) {
        double[] v = logProb.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector().clone();
        Arrays.sort(v);
        double[] q = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            double pos = (v.length - 1) * (i / (double) (QUANTILES - 1));
            int lo = (int) Math.floor(pos);
            int hi = Math.min(v.length - 1, lo + 1);
            q[i] = v[lo] + (pos - lo) * (v[hi] - v[lo]);
        }
        return q;
    }

    /** The training log-density below which {@code percent}% of training rows fall (the anomaly threshold). */
    public double threshold(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile must be within [0, 100], got " + percent);
        }
        double pos = percent / 100 * (QUANTILES - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(QUANTILES - 1, lo + 1);
        return trainingLogProbQuantiles[lo] + (pos - lo) * (trainingLogProbQuantiles[hi] - trainingLogProbQuantiles[lo]);
    }
}
