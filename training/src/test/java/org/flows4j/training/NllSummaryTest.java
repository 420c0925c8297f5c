package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The robust NLL summary and the training range's excess, on values whose answers are known. */
class NllSummaryTest {
    private static final List<String> COLUMNS = List.of("a", "b");

    private static double[] typical(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return r.doubles(n).map(u -> 100 + 10 * (u - 0.5)).toArray();
    }

    @Test
    void excessIsMeasuredInTrainingStandardDeviationsPerColumn() {
        TrainingRange range = new TrainingRange(new double[] {0, -1}, new double[] {1, 1}, new double[] {0.5, 2});
        TrainingRange.Excess e = range.excess(Nd4j.createFromArray(new double[][] {
            {0.5, 0}, {2, 0}, {0.5, -9}, {-1, 5}, {1.125, 0}}), 0.5);
        assertArrayEqualsExactly(new double[] {0, 2, 4, 2, 0.25}, e.sd());
        assertEquals(List.of(-1, 0, 1, 0, 0), Arrays.stream(e.column()).boxed().toList());
        assertEquals(3, e.outsideCount(), "0.25 SDs out is within the 0.5 margin");
        assertFalse(e.outside(0));
        assertFalse(e.outside(4));
    }

    @Test
    void aFewHugeRowsAreNamedAndDoNotMoveTheMedianOrTheInRangeMean() {
        double[] nll = typical(400, 1);
        double[] clean = nll.clone();
        nll[7] = 1.5e7;
        nll[300] = 2800;
        int[] column = new int[400];
        double[] sd = new double[400];
        Arrays.fill(column, -1);
        column[7] = 1;
        sd[7] = 5000;
        NllSummary s = NllSummary.of(nll, new TrainingRange.Excess(sd, column, 0), COLUMNS);
        NllSummary without = NllSummary.of(clean, null, COLUMNS);
        assertEquals(1, s.outOfRangeRows());
        assertEquals(List.of(new NllSummary.ColumnCount("b", 1)), s.outOfRangeColumns());
        assertEquals(5000, s.maxExcessSd());
        assertTrue(s.dominated(), "two rows move the mean by far more than its standard error");
        assertEquals(2, s.trimmedRows(), "⌈0.5 % of 400⌉");
        assertTrue(Math.abs(s.median() - without.median()) < without.stderr(), s + " vs " + without);
        assertTrue(s.mean() > 30_000, "the plain mean is wrecked: " + s.mean());
        assertFalse(without.dominated(), "uniform values are not dominated");
        assertEquals(399, s.inRangeRows());
    }

    @Test
    void infiniteRowsAreCountedAndLeaveTheMedianAndTrimmedMeanFinite() {
        double[] nll = typical(300, 2);
        nll[0] = Double.POSITIVE_INFINITY;
        NllSummary s = NllSummary.of(nll, null, COLUMNS);
        assertEquals(1, s.infiniteRows());
        assertEquals(Double.POSITIVE_INFINITY, s.mean());
        assertTrue(Double.isNaN(s.stderr()));
        assertTrue(Double.isFinite(s.median()) && Double.isFinite(s.trimmedMean()));
        assertTrue(s.dominated(), "an infinite mean with a finite trimmed mean is dominated");
        assertFalse(s.rangeKnown());
    }

    @Test
    void nanAndEmptyInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NllSummary.of(new double[] {1, Double.NaN}, null, COLUMNS));
        assertThrows(IllegalArgumentException.class, () -> NllSummary.of(new double[0], null, COLUMNS));
        assertThrows(IllegalArgumentException.class, () -> new TrainingRange(new double[] {1}, new double[] {0},
                new double[] {1}));
    }

    private static void assertArrayEqualsExactly(double[] expected, double[] actual) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }
}
