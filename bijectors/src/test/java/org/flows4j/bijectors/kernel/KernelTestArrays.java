package org.flows4j.bijectors.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Operands and comparisons shared by the kernel layer's tests and benchmarks. */
final class KernelTestArrays {
    private KernelTestArrays() {
    }

    /** An array of the given shape and type filled with standard Gaussian noise from {@code r}. */
    static INDArray gaussian(SplittableRandom r, DataType type, long... shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        double[] v = new double[Math.toIntExact(length)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    /** {@code length} floats of Gaussian noise from {@code r} in 64-byte aligned native memory of {@code arena}. */
    static MemorySegment gaussianFloats(Arena arena, SplittableRandom r, long length) {
        MemorySegment s = arena.allocate(length * Float.BYTES, 64);
        for (long k = 0; k < length; k++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, k, (float) r.nextGaussian());
        }
        return s;
    }

    /**
     * Asserts that {@code actual} has {@code expected}'s shape and differs from it by at most {@code tolerance}
     * times the larger of 1 and {@code expected}'s largest magnitude.
     */
    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1, e.amaxNumber().doubleValue());
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": paths differ by " + diff + " (scale " + scale + ")");
    }
}
