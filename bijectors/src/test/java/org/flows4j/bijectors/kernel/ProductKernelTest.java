package org.flows4j.bijectors.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Kernels#product}: the host path against the ND4J path in every orientation, with and without accumulation,
 * bias and ReLU, on shapes whose widths are and are not whole vectors (float32 within {@code 2e-5} of the largest
 * magnitude: the paths add up to a few hundred products in another order, about {@code 1e-6}; float64 within
 * {@code 1e-12}); the Vector API loop against its scalar reference bit for bit (the result does not depend on the
 * vector width, nor on how many threads share it); and the refusals.
 */
class ProductKernelTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @AfterEach
    void automatic() {
        Kernels.use(null);
        Kernels.useThreads(1);
    }

    /** {@code m, p, n}: rows of c, the inner size, columns of c. */
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(5, 3, 7), Arguments.of(13, 37, 21),
                Arguments.of(64, 4, 128), Arguments.of(256, 128, 8), Arguments.of(7, 130, 65),
                Arguments.of(9, 16, 64), Arguments.of(21, 9, 4), Arguments.of(40, 33, 40));
    }



    @ParameterizedTest
    @MethodSource("shapes")
    void hostAndNd4jPathsAgree(int m, int p, int n) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 2e-5 : 1e-12;
            for (int flags = 0; flags < 16; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                boolean acc = (flags & 4) != 0;
                boolean withBias = (flags & 8) != 0;
                SplittableRandom r = new SplittableRandom(31L * m + 7L * p + n + 1000L * flags);
                INDArray a = ta ? KernelTestArrays.gaussian(r, type, p, m) : KernelTestArrays.gaussian(r, type, m, p);
                INDArray b = tb ? KernelTestArrays.gaussian(r, type, n, p) : KernelTestArrays.gaussian(r, type, p, n);
                INDArray c0 = KernelTestArrays.gaussian(r, type, m, n);
                double[] bias = withBias ? KernelTestArrays.gaussian(r, DataType.DOUBLE, 1, n).toDoubleVector() : null;
                boolean relu = flags % 3 == 0;
                INDArray[] results = new INDArray[2];
                Kernels.Path[] paths = {Kernels.Path.HOST, Kernels.Path.ND4J};
                for (int k = 0; k < 2; k++) {
                    Kernels.use(paths[k]);
                    results[k] = c0.dup('c');
                    Kernels.product(a, ta, b, tb, results[k], acc, bias, relu);
                }
                String what = type + " [" + m + "," + p + "," + n + "] transposeA " + ta + " transposeB " + tb
                        + " accumulate " + acc + " bias " + withBias + " relu " + relu;
                KernelTestArrays.assertClose(results[1], results[0], tolerance, what);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void theVectorLoopEqualsItsScalarReferenceBitForBit(int m, int p, int n) {
        int w = VectorGemm.paddedWidth(n);
        SplittableRandom r = new SplittableRandom(m * 1000L + p * 10L + n);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = KernelTestArrays.gaussianFloats(arena, r, (long) m * p);
            MemorySegment y = KernelTestArrays.gaussianFloats(arena, r, (long) p * w);
            MemorySegment start = KernelTestArrays.gaussianFloats(arena, r, (long) m * n);
            float[] bias = new float[w];
            for (int j = 0; j < n; j++) {
                bias[j] = (float) r.nextGaussian();
            }
            for (int flags = 0; flags < 8; flags++) {
                boolean transposed = (flags & 1) != 0;
                boolean acc = (flags & 2) != 0;
                boolean relu = (flags & 4) != 0;
                // a as row-major [m, p], or the same memory read as the transpose of a [p, m] matrix
                int ai = transposed ? 1 : p;
                int ap = transposed ? m : 1;
                MemorySegment vector = arena.allocate((long) m * n * Float.BYTES);
                MemorySegment scalar = arena.allocate((long) m * n * Float.BYTES);
                vector.copyFrom(start);
                scalar.copyFrom(start);
                VectorGemm.product(vector, n, 0, m, n, a, ai, ap, y, w, p, acc, relu ? bias : null, relu);
                ScalarGemm.productFloat(scalar, n, m, n, a, ai, ap, y, w, p, acc, relu ? bias : null, relu);
                for (long k = 0; k < (long) m * n; k++) {
                    assertEquals(Float.floatToRawIntBits(scalar.getAtIndex(F, k)),
                            Float.floatToRawIntBits(vector.getAtIndex(F, k)),
                            "element " + k + " of [" + m + "," + p + "," + n + "] flags " + flags);
                }
            }
        }
    }


    /** Row counts above the split's thresholds, among them ones that do not divide evenly into ranges of 4. */
    static Stream<Arguments> splitRows() {
        return Stream.of(Arguments.of(2050), Arguments.of(1025), Arguments.of(1537), Arguments.of(1024),
                Arguments.of(3001));
    }

    @ParameterizedTest
    @MethodSource("splitRows")
    void aProductSplitAcrossThreadsGivesTheSameBits(int rows) {
        SplittableRandom r = new SplittableRandom(rows);
        INDArray a = KernelTestArrays.gaussian(r, DataType.FLOAT, rows, 130);
        INDArray b = KernelTestArrays.gaussian(r, DataType.FLOAT, 130, 96);
        double[] bias = KernelTestArrays.gaussian(r, DataType.DOUBLE, 1, 96).toDoubleVector();
        Kernels.use(Kernels.Path.HOST);
        INDArray[] results = new INDArray[3];
        for (int threads = 1; threads <= 3; threads++) {
            Kernels.useThreads(threads);
            results[threads - 1] = Nd4j.createUninitialized(DataType.FLOAT, rows, 96);
            Kernels.product(a, false, b, false, results[threads - 1], false, bias, true);
        }
        assertEquals(Math.min(3, rows / ProductThreads.MIN_ROWS), ProductThreads.parts(rows, 96, 130),
                "ranges for 3 threads");
        for (int k = 1; k < 3; k++) {
            assertArrayEquals(results[0].data().asFloat(), results[k].data().asFloat(), (k + 1) + " threads");
        }
    }

    @Test
    void productsFromSeveralThreadsAtOnceEachGetTheirOwnResult() throws Exception {
        // two callers share the kernel layer's workers: one splits, the other runs whole; neither loses a range
        SplittableRandom r = new SplittableRandom(9);
        INDArray[] as = {KernelTestArrays.gaussian(r, DataType.FLOAT, 2048, 64),
            KernelTestArrays.gaussian(r, DataType.FLOAT, 2048, 64)};
        INDArray b = KernelTestArrays.gaussian(r, DataType.FLOAT, 64, 128);
        Kernels.use(Kernels.Path.HOST);
        Kernels.useThreads(1);
        INDArray[] expected = new INDArray[2];
        for (int t = 0; t < 2; t++) {
            expected[t] = Nd4j.createUninitialized(DataType.FLOAT, 2048, 128);
            Kernels.product(as[t], false, b, false, expected[t], false, null, false);
        }
        Kernels.useThreads(2);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 2; t++) {
                int caller = t;
                results.add(pool.submit(() -> {
                    Kernels.use(Kernels.Path.HOST);
                    INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 2048, 128);
                    boolean same = true;
                    for (int k = 0; k < 40; k++) {
                        Kernels.product(as[caller], false, b, false, c, false, null, false);
                        same &= java.util.Arrays.equals(expected[caller].data().asFloat(), c.data().asFloat());
                    }
                    return same;
                }));
            }
            for (var f : results) {
                assertTrue(f.get(60, java.util.concurrent.TimeUnit.SECONDS), "a caller got another result");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        assertRefused("expected a whole number of threads >= 1, got 0", () -> Kernels.useThreads(0));
        assertEquals(1, Kernels.threads());
    }

    @Test
    void wrongShapesTypesAndLayoutsAreRefusedByName() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 4, 3);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 3, 5);
        assertRefused("expected op(a) [m, p], op(b) [p, n] and c [m, n]",
                () -> Kernels.product(a, false, Nd4j.zeros(DataType.FLOAT, 4, 5), false, Nd4j.zeros(DataType.FLOAT,
                        4, 5), false, null, false));
        assertRefused("c [4, 6] FLOAT",
                () -> Kernels.product(a, false, b, false, Nd4j.zeros(DataType.FLOAT, 4, 6), false, null, false));
        assertRefused("op(b) [3, 5] DOUBLE",
                () -> Kernels.product(a, false, b.castTo(DataType.DOUBLE), false, Nd4j.zeros(DataType.FLOAT, 4, 5),
                        false, null, false));
        assertRefused("expected b to be a matrix, got shape [3, 5, 1]",
                () -> Kernels.product(a, false, b.reshape(3, 5, 1), false, Nd4j.zeros(DataType.FLOAT, 4, 5), false,
                        null, false));
        assertRefused("expected a bias of 5 values, got 4",
                () -> Kernels.product(a, false, b, false, Nd4j.zeros(DataType.FLOAT, 4, 5), false, new double[4],
                        false));
        assertRefused("expected a c-contiguous output",
                () -> Kernels.product(a, false, b, false, Nd4j.zeros(DataType.FLOAT, 5, 4).transpose(), false, null,
                        false));
        INDArray square = Nd4j.zeros(DataType.FLOAT, 4, 4);
        assertRefused("expected an output apart from its inputs, got c [4, 4] over the memory of a",
                () -> Kernels.product(square, false, Nd4j.zeros(DataType.FLOAT, 4, 4), false, square, false, null,
                        false));
        INDArray rows = Nd4j.zeros(DataType.FLOAT, 8, 4);
        INDArray top = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4));
        INDArray bottom = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8));
        assertRefused("over the memory of b",
                () -> Kernels.product(Nd4j.zeros(DataType.FLOAT, 4, 4), false, top, false, top, false, null, false));
        Kernels.product(Nd4j.zeros(DataType.FLOAT, 4, 4), false, top, false, bottom, false, null, false);
    }

    private static void assertRefused(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message: " + e.getMessage());
    }
}
