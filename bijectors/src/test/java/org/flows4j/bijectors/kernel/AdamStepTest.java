package org.flows4j.bijectors.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#adamStep}: the host path's fused pass gives ND4J's {@code adam_updater} op followed by
 * {@code w −= update} bit for bit, step after step, in float32 and float64, for a length that leaves a masked tail
 * and over enough iterations that the bias correction runs through many powers of β.
 */
class AdamStepTest {

    @ParameterizedTest
    @CsvSource({"FLOAT, 0.9, 0.999, 1003, 300", "FLOAT, 0.9, 0.99, 37, 3000", "DOUBLE, 0.9, 0.999, 1003, 300"})
    void theFusedPassIsNd4jsUpdateBitForBit(DataType type, double beta1, double beta2, int n, int iterations) {
        SplittableRandom r = new SplittableRandom(n);
        INDArray w = gaussian(r, type, n);
        INDArray[] host = {w.dup(), Nd4j.zeros(type, n), Nd4j.zeros(type, n)};
        INDArray[] nd4j = {w.dup(), Nd4j.zeros(type, n), Nd4j.zeros(type, n)};
        for (int t = 0; t < iterations; t++) {
            INDArray g = gaussian(r, type, n).muli(Math.exp(-t / 500.0));
            double lr = 1e-3 * (1 + Math.sin(t));
            step(Kernels.Path.HOST, host, g.dup(), lr, beta1, beta2, t);
            step(Kernels.Path.ND4J, nd4j, g.dup(), lr, beta1, beta2, t);
        }
        String[] names = {"w", "m", "v"};
        for (int i = 0; i < 3; i++) {
            double[] a = nd4j[i].toDoubleVector();
            double[] b = host[i].toDoubleVector();
            for (int k = 0; k < n; k++) {
                assertEquals(a[k], b[k], 0.0, names[i] + "[" + k + "] after " + iterations + " steps");
            }
        }
        assertTrue(host[0].sub(w).amaxNumber().doubleValue() > 0, "the parameters moved");
    }

    @Test
    void arraysOfAnotherLengthOrTypeAreRefused() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.adamStep(w,
                Nd4j.zeros(DataType.FLOAT, 4), w.dup(), w.dup(), 1e-3, 0.9, 0.999, 1e-8, 0));
        assertTrue(e.getMessage().contains("5 FLOAT") && e.getMessage().contains("got 4 FLOAT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.adamStep(w, Nd4j.zeros(DataType.DOUBLE, 5),
                w.dup(), w.dup(), 1e-3, 0.9, 0.999, 1e-8, 0));
        assertTrue(e.getMessage().contains("got 5 DOUBLE"), e.getMessage());
    }

    private static void step(Kernels.Path path, INDArray[] s, INDArray g, double lr, double beta1, double beta2,
                             int t) {
        Kernels.Path previous = Kernels.use(path);
        try {
            Kernels.adamStep(s[0], g, s[1], s[2], lr, beta1, beta2, 1e-8, t);
        } finally {
            Kernels.use(previous);
        }
    }

    private static INDArray gaussian(SplittableRandom r, DataType type, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.createFromArray(v).castTo(type);
    }
}
