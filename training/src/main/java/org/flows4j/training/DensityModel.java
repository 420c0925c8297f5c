package org.flows4j.training;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.flows4j.bijectors.Standardization;
import org.flows4j.core.DataInitialization;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.Flow;
import org.flows4j.core.Parameter;
import org.flows4j.data.Table;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted tabular density: the architecture, the column names it was fitted on, the flow (whose first bijector is
 * the fixed {@link Standardization}), and the sorted log-densities of the training rows at 1001 quantiles
 * (0%, 0.1%, …, 100%), from which an anomaly threshold at any percentile is read, and each column's
 * {@link TrainingRange} ({@code null} for a model file written before the range was recorded), and the
 * {@link Table#positionalWidth} of the training columns: the width of the file without a header they were taken
 * from by position, which a table scored by position must have (0 for named columns or an older model file).
 */
public record DensityModel(TabularModel spec, List<String> columns, Flow flow, double[] trainingLogProbQuantiles,
                           TrainingRange range, int positionalWidth) {

    /** The number of stored training quantiles, at steps of 0.1% from 0% to 100%. */
    public static final int QUANTILES = 1001;

    /**
     * Copies the column names and the quantiles, which must be {@link #QUANTILES} log-densities in ascending order as
     * made by {@link #quantiles}, and checks that there is one column name per dimension of the flow.
     */
    public DensityModel {
        columns = List.copyOf(columns);
        trainingLogProbQuantiles = trainingLogProbQuantiles.clone();
        if (flow.inputEventShape().length != 1 || flow.inputEventShape()[0] != columns.size()) {
            throw new IllegalArgumentException("DensityModel: expected one column name per dimension of the flow "
                    + java.util.Arrays.toString(flow.inputEventShape()) + ", got " + columns.size());
        }
        if (trainingLogProbQuantiles.length != QUANTILES) {
            throw new IllegalArgumentException("DensityModel: expected " + QUANTILES + " training quantiles, got "
                    + trainingLogProbQuantiles.length);
        }
        for (int i = 1; i < QUANTILES; i++) {
            if (!(trainingLogProbQuantiles[i - 1] <= trainingLogProbQuantiles[i])) {
                throw new IllegalArgumentException("DensityModel: expected training quantiles in ascending order, got "
                        + trainingLogProbQuantiles[i - 1] + " before " + trainingLogProbQuantiles[i] + " at " + i);
            }
        }
        if (range != null && range.dim() != columns.size()) {
            throw new IllegalArgumentException("DensityModel: expected a training range over " + columns.size()
                    + " columns, got " + range.dim());
        }
        if (positionalWidth != 0 && positionalWidth < columns.size()) {
            throw new IllegalArgumentException("DensityModel: expected a positional width of 0 or at least "
                    + columns.size() + ", got " + positionalWidth);
        }
    }

    /** A model of named columns, or one read from a file that predates the positional width. */
    public DensityModel(TabularModel spec, List<String> columns, Flow flow, double[] trainingLogProbQuantiles,
                        TrainingRange range) {
        this(spec, columns, flow, trainingLogProbQuantiles, range, 0);
    }

    /** A model without a recorded training range (as read from an older file). */
    public DensityModel(TabularModel spec, List<String> columns, Flow flow, double[] trainingLogProbQuantiles) {
        this(spec, columns, flow, trainingLogProbQuantiles, null);
    }

    /**
     * The model of {@code flow}, fitted by {@code spec} on the rows of {@code train}: their log-density quantiles
     * and each column's training range are computed here.
     */
    public static DensityModel of(TabularModel spec, Table train, Flow flow) {
        return of(spec, train, flow, flow.logProbInBatches(train.values(flow.dataType()), 8192));
    }

    /** As {@link #of(TabularModel, Table, Flow)}, with the training rows' log-densities already computed. */
    public static DensityModel of(TabularModel spec, Table train, Flow flow, INDArray trainLogProb) {
        return new DensityModel(spec, train.columns(), flow, quantiles(trainLogProb),
                TrainingRange.of(train.values(), standardizationOf(flow).scale()), train.positionalWidth());
    }

    /**
     * {@code log p(x)} in the data's units for every row of {@code table} (columns in the model's order), as float64.
     * Rows far outside the training range can overflow the flow's float32 arithmetic; those rows are evaluated once
     * more with a float64 copy of the model, which gives the model's exact value unless even float64 overflows. A row
     * whose log-density is then still not a number (an overflow of the networks' intermediate values, so far below
     * every representable density) is reported as −∞; the result is never NaN.
     */
    public INDArray logProb(Table table) {
        double[] logp = flow.logProbInBatches(table.values(flow.dataType()), 8192).castTo(DataType.DOUBLE)
                .toDoubleVector();
        int[] overflowed = IntStream.range(0, logp.length).filter(i -> !Double.isFinite(logp[i])).toArray();
        if (overflowed.length > 0 && flow.dataType() != DataType.DOUBLE) {
            INDArray rows = Nd4j.pullRows(table.values(DataType.DOUBLE), 1, overflowed);
            double[] again = float64Copy().logProb(rows).toDoubleVector();
            for (int k = 0; k < overflowed.length; k++) {
                logp[overflowed[k]] = again[k];
            }
        }
        for (int i = 0; i < logp.length; i++) {
            if (Double.isNaN(logp[i])) {
                logp[i] = Double.NEGATIVE_INFINITY;
            }
        }
        return Nd4j.createFromArray(logp);
    }

    /**
     * Each row's excess over the training range, out of range beyond {@code margin} training SDs ({@code null} when
     * the model has no recorded range).
     */
    public TrainingRange.Excess excess(Table table, double margin) {
        return range == null ? null : range.excess(table.values(), margin);
    }

    /** An independent float64 copy of the flow: same architecture, parameters and ActNorm flags. */
    private Flow float64Copy() {
        Flow copy = spec.build(standardization()).convertTo(DataType.DOUBLE);
        List<Parameter> from = flow.parameters();
        List<Parameter> to = copy.parameters();
        for (int i = 0; i < from.size(); i++) {
            to.get(i).value().assign(from.get(i).value().castTo(DataType.DOUBLE));
        }
        List<DataInitialized> original = DataInitialization.layersIn(flow.bijector());
        List<DataInitialized> copied = DataInitialization.layersIn(copy.bijector());
        for (int i = 0; i < original.size(); i++) {
            if (original.get(i).initialized()) {
                copied.get(i).markInitialized();
            }
        }
        return copy;
    }

    /** The standardization the flow starts with. */
    public Standardization standardization() {
        return standardizationOf(flow);
    }

    private static Standardization standardizationOf(Flow flow) {
        return (Standardization) ((org.flows4j.core.Chain) flow.bijector()).parts().get(0);
    }

    /**
     * The 1001 quantiles of the given log-densities, linearly interpolated; a NaN counts as −∞, and a quantile that
     * falls between −∞ and a finite value is −∞.
     */
    public static double[] quantiles(INDArray logProb) {
        double[] v = logProb.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector().clone();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = Double.NEGATIVE_INFINITY;
            }
        }
        Arrays.sort(v);
        double[] q = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            double pos = (v.length - 1) * (i / (double) (QUANTILES - 1));
            int lo = (int) Math.floor(pos);
            int hi = Math.min(v.length - 1, lo + 1);
            double fraction = pos - lo;
            if (fraction == 0 || v[lo] == v[hi] || v[lo] == Double.NEGATIVE_INFINITY) {
                q[i] = v[lo]; // between −∞ and a finite value: −∞, never the NaN of −∞ + ∞
            } else if (v[hi] == Double.POSITIVE_INFINITY) {
                q[i] = v[hi];
            } else {
                q[i] = v[lo] + fraction * (v[hi] - v[lo]);
            }
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
