package org.flows4j.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * A robust summary of per-row negative log-likelihoods (nats): the mean and its standard error, the median, the mean
 * over the rows inside the training range, how many rows lie outside it and in which columns, and whether the mean
 * is dominated by a few rows — when dropping the worst 0.5 % (at least one row) moves it by more than its standard
 * error. A row of log-density −∞ (below the range of floating point even in float64) counts as an NLL of +∞: the
 * mean is then +∞ and the median and the trimmed mean stay meaningful.
 *
 * @param rows              the number of rows
 * @param mean              the mean NLL
 * @param stderr            its standard error {@code s/√n} (NaN for one row, or when the mean is not finite)
 * @param median            the median NLL
 * @param inRangeRows       the number of rows inside the training range (all rows when no range is known)
 * @param inRangeMean       the mean NLL over those rows (NaN when there are none)
 * @param inRangeStderr     its standard error
 * @param outOfRangeRows    the number of rows outside the training range (0 when no range is known)
 * @param outOfRangeColumns the columns where out-of-range rows are furthest out, most frequent first
 * @param maxExcessSd       the largest excess over the training range, in training standard deviations
 * @param infiniteRows      the number of rows whose log-density is −∞
 * @param trimmedRows       how many of the worst rows the trimmed mean leaves out: ⌈0.5 % of the rows⌉
 * @param trimmedMean       the mean NLL without them
 * @param dominated         whether {@code |mean − trimmedMean|} exceeds the standard error (or the mean is not finite
 *                          while the trimmed mean is)
 * @param rangeKnown        whether the model recorded its training range
 */
public record NllSummary(int rows, double mean, double stderr, double median, int inRangeRows, double inRangeMean,
                         double inRangeStderr, int outOfRangeRows, List<ColumnCount> outOfRangeColumns,
                         double maxExcessSd, int infiniteRows, int trimmedRows, double trimmedMean,
                         boolean dominated, boolean rangeKnown) {

    /** The share of the rows, rounded up, that the trimmed mean leaves out. */
    public static final double TRIMMED_SHARE = 0.005;

    /**
     * A column and how many out-of-range rows have their largest excess there.
     *
     * @param column the column's name
     * @param rows   the number of rows
     */
    public record ColumnCount(String column, int rows) {
    }

    /** Copies the column list. */
    public NllSummary {
        outOfRangeColumns = List.copyOf(outOfRangeColumns);
    }

    /**
     * The summary of {@code nll} (one value per row; +∞ allowed, NaN refused), with each row's excess over the
     * training range ({@code null} when the model has no recorded range) and the model's column names.
     */
    public static NllSummary of(double[] nll, TrainingRange.Excess excess, List<String> columns) {
        if (nll.length == 0) {
            throw new IllegalArgumentException("NllSummary: expected at least one row, got none");
        }
        for (int i = 0; i < nll.length; i++) {
            if (Double.isNaN(nll[i])) {
                throw new IllegalArgumentException("NllSummary: row " + (i + 1) + " has a NaN negative log-likelihood");
            }
        }
        int n = nll.length;
        double[] sorted = nll.clone();
        Arrays.sort(sorted);
        double median = new Median().evaluate(sorted);
        double[] all = meanAndStderr(nll);
        int trimmed = (int) Math.ceil(TRIMMED_SHARE * n);
        double trimmedMean = n > trimmed ? meanAndStderr(Arrays.copyOf(sorted, n - trimmed))[0] : Double.NaN;
        boolean dominated = Double.isFinite(all[0]) ? Double.isFinite(all[1]) && Math.abs(all[0] - trimmedMean) > all[1]
                : Double.isFinite(trimmedMean);
        int infinite = (int) Arrays.stream(nll).filter(v -> v == Double.POSITIVE_INFINITY).count();
        if (excess == null) {
            return new NllSummary(n, all[0], all[1], median, n, all[0], all[1], 0, List.of(), 0, infinite, trimmed,
                    trimmedMean, dominated, false);
        }
        double[] inside = java.util.stream.IntStream.range(0, n).filter(i -> !excess.outside(i)).mapToDouble(i -> nll[i])
                .toArray();
        double[] in = inside.length > 0 ? meanAndStderr(inside) : new double[] {Double.NaN, Double.NaN};
        int[] counts = new int[columns.size()];
        double maxExcess = 0;
        for (int i = 0; i < n; i++) {
            if (excess.outside(i)) {
                counts[excess.column()[i]]++;
                maxExcess = Math.max(maxExcess, excess.sd()[i]);
            }
        }
        List<ColumnCount> byColumn = new ArrayList<>();
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] > 0) {
                byColumn.add(new ColumnCount(columns.get(j), counts[j]));
            }
        }
        byColumn.sort(Comparator.comparingInt(ColumnCount::rows).reversed());
        return new NllSummary(n, all[0], all[1], median, inside.length, in[0], in[1], n - inside.length, byColumn,
                maxExcess, infinite, trimmed, trimmedMean, dominated, true);
    }

    /** {@code [mean, s/√n]} with the bias-corrected s; the standard error is NaN for one value or a non-finite mean. */
    private static double[] meanAndStderr(double[] v) {
        if (Arrays.stream(v).anyMatch(x -> x == Double.POSITIVE_INFINITY)) {
            return new double[] {Double.POSITIVE_INFINITY, Double.NaN};
        }
        DescriptiveStatistics stats = new DescriptiveStatistics(v);
        double mean = stats.getMean();
        if (v.length < 2 || !Double.isFinite(mean)) {
            return new double[] {mean, Double.NaN};
        }
        return new double[] {mean, stats.getStandardDeviation() / Math.sqrt(v.length)};
    }
}
