package org.flows4j.bijectors.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Kernels#norm2}. On the host path the squares (exact in float64 for float32 values) are added in float64 into
 * eight partial sums of about n/8 terms and those pairwise, so the norm is checked against the exact one (BigDecimal)
 * to the bound of that order: {@code (n/8 + 3)·2⁻⁵³} relative for a sum of positive terms, plus {@code 2⁻⁵²} for the
 * float64 rounding of the exact sum and the square root. The vector loop is checked against the scalar loop bit for
 * bit, and the ND4J path against the exact norm to {@code 1e-3} relative: its {@code norm2} adds float32 squares one
 * by one in float32, an error that grows like √n·2⁻²⁴ (about 2·10⁻⁵ at n = 145,473) and at worst like n·2⁻²⁴.
 */
class NormKernelTest {
    @AfterEach
    void automatic() {
        Kernels.use(null);
    }

    private static INDArray gaussian(int n, DataType type, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * (1 + 100 * r.nextDouble());
        }
        return Nd4j.createFromArray(v).castTo(type);
    }

    private static double exactNorm(INDArray x) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : x.castTo(DataType.DOUBLE).toDoubleVector()) {
            BigDecimal b = new BigDecimal(v);
            sum = sum.add(b.multiply(b));
        }
        return Math.sqrt(sum.doubleValue());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 31, 1000, 145_473})
    void theHostNormIsTheExactNormToFloat64RoundingInBothTypes(int n) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = gaussian(n, type, n);
            double exact = exactNorm(x);
            double host = Kernels.norm2(x);
            double bound = (n / 8.0 + 3) * Math.ulp(1.0) / 2 + Math.ulp(1.0);
            assertEquals(exact, host, bound * exact, type + " n=" + n);
            Kernels.use(Kernels.Path.ND4J);
            double nd4j = Kernels.norm2(x);
            Kernels.use(null);
            assertEquals(exact, nd4j, 1e-3 * exact, "ND4J path, " + type + " n=" + n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 8, 17, 4099})
    void theVectorLoopAddsInTheScalarLoopsOrder(int n) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = KernelTestArrays.gaussianFloats(arena, new SplittableRandom(n), Math.max(n, 1));
            double[] partial = new double[8];
            VectorLoops.sumOfSquares(x, n, partial);
            double vector = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
                    + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
            assertEquals(HostLoops.sumOfSquaresScalar(x, n), vector, 0.0, "n=" + n);
        }
    }

    @Test
    void aViewAnEmptyArrayAndNonFiniteValuesAreHandled() {
        INDArray m = gaussian(60, DataType.FLOAT, 3).reshape(6, 10);
        INDArray column = m.getColumn(4);
        assertEquals(exactNorm(column), Kernels.norm2(column), 1e-6 * exactNorm(column), "a strided view");
        assertEquals(0.0, Kernels.norm2(Nd4j.create(DataType.FLOAT, 0)), 0.0, "empty");
        INDArray x = gaussian(100, DataType.FLOAT, 4);
        x.putScalar(37, Float.NaN);
        assertTrue(Double.isNaN(Kernels.norm2(x)), "a NaN makes the norm NaN");
        x.putScalar(37, Float.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, Kernels.norm2(x), "an infinity makes the norm infinite");
    }
}
