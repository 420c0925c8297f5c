package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The training log-density quantiles a model file stores: never NaN, always ascending. */
class QuantilesTest {
    @Test
    void minusInfinityAndNaNGiveAscendingQuantilesWithoutNaN() {
        double[] q = DensityModel.quantiles(Nd4j.createFromArray(-1.0, Double.NEGATIVE_INFINITY, Double.NaN, -2.0,
                -3.0));
        assertEquals(DensityModel.QUANTILES, q.length);
        assertFalse(Arrays.stream(q).anyMatch(Double::isNaN), "no NaN: " + Arrays.toString(q));
        for (int i = 1; i < q.length; i++) {
            assertTrue(q[i - 1] <= q[i], "ascending at " + i);
        }
        // sorted: −∞, −∞ (the NaN), −3, −2, −1; quantile 0.3 lies between the second −∞ and −3
        assertEquals(Double.NEGATIVE_INFINITY, q[300]);
        assertEquals(-3.0, q[500], 0.0);
        assertEquals(-2.5, q[625], 1e-12);
        assertEquals(-1.0, q[1000], 0.0);
    }
}
