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
 * {@link Kernels#convolution} and {@link Kernels#convolutionBackward}: the host path (products over zero-bordered
 * planes, or over the input or the output gradient unfolded on the image's own positions) against ND4J's {@code conv2d} and {@code conv2d_bp} on kernels of 1, 3 and 5, channel counts below, at
 * and above a vector, planes that are and are not whole vectors, and a weight gradient over several runs of samples
 * — float32 within {@code 1e-4} of the largest magnitude (sums of up to 25·C_in terms, or N·H·W for the weight
 * gradient, added in another order: about {@code 1e-6} relative per hundred terms), float64 within {@code 1e-11};
 * results independent of the thread count; the weight gradient's rows-product loop against its scalar reference
 * bit for bit, and its refusal of rows that are not whole vectors; and the refusals.
 */
class ConvolutionKernelTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @AfterEach
    void automatic() {
        Kernels.use(null);
        Kernels.useThreads(1);
    }

    /** {@code N, C_in, C_out, H, W, k}. */
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(3, 2, 5, 6, 7, 3), Arguments.of(2, 5, 3, 4, 4, 1), Arguments.of(2, 3, 4, 5, 3, 5),
                Arguments.of(2, 17, 6, 9, 8, 3), Arguments.of(4, 2, 20, 16, 16, 3), Arguments.of(2, 20, 4, 8, 8, 3),
                Arguments.of(2, 12, 12, 4, 4, 1), Arguments.of(2, 6, 10, 3, 5, 1), Arguments.of(1, 1, 1, 1, 1, 3),
                Arguments.of(2, 16, 8, 4, 4, 1), Arguments.of(2, 8, 16, 5, 5, 3), Arguments.of(4, 64, 64, 16, 16, 3),
                // several runs of samples per product, the last one shorter
                Arguments.of(37, 64, 64, 8, 8, 3), Arguments.of(37, 64, 48, 4, 4, 1), Arguments.of(23, 96, 16, 4, 4, 3),
                // unfolded on the image's own positions (k²·C_in ≤ C_out, planes of whole vectors): Glow's first
                // convolution at each level, and a 5 × 5 kernel
                Arguments.of(9, 2, 18, 16, 16, 3), Arguments.of(9, 4, 40, 8, 8, 3), Arguments.of(11, 8, 72, 4, 4, 3),
                Arguments.of(3, 1, 25, 8, 8, 5),
                // the mirror, unfolded on the output's side (k²·C_out ≤ C_in): Glow's zero-initialised last
                // convolution at levels 1 and 2, a smaller plane, and a 5 × 5 kernel
                Arguments.of(9, 18, 2, 16, 16, 3), Arguments.of(9, 40, 4, 8, 8, 3), Arguments.of(11, 72, 8, 4, 4, 3),
                Arguments.of(3, 25, 1, 8, 8, 5));
    }



    @ParameterizedTest
    @MethodSource("shapes")
    void hostAndNd4jPathsAgree(int n, int in, int out, int h, int w, int k) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-11;
            SplittableRandom r = new SplittableRandom(31L * n + 7L * in + out + 1000L * h + 100L * w + k);
            INDArray x = KernelTestArrays.gaussian(r, type, n, in, h, w);
            INDArray weight = KernelTestArrays.gaussian(r, type, k, k, in, out);
            INDArray g = KernelTestArrays.gaussian(r, type, n, out, h, w);
            INDArray gw0 = KernelTestArrays.gaussian(r, type, k, k, in, out);
            double[] bias = KernelTestArrays.gaussian(r, DataType.DOUBLE, out).toDoubleVector();
            INDArray[][] results = new INDArray[2][];
            Kernels.Path[] paths = {Kernels.Path.HOST, Kernels.Path.ND4J};
            for (int p = 0; p < 2; p++) {
                Kernels.use(paths[p]);
                INDArray gw = gw0.dup();
                INDArray y = Kernels.convolution(x, weight, bias);
                INDArray yNoBias = Kernels.convolution(x, weight, null);
                INDArray gx = Kernels.convolutionBackward(x, weight, g, gw);
                results[p] = new INDArray[] {y, yNoBias, gx, gw};
            }
            String[] names = {"y", "y without bias", "dL/dx", "W' + dL/dW"};
            for (int i = 0; i < names.length; i++) {
                KernelTestArrays.assertClose(results[1][i], results[0][i], tolerance, type + " " + names[i] + " " + n
                        + "," + in + "," + out + "," + h + "," + w + "," + k);
            }
        }
    }

    /**
     * Samples (forward, input gradient) and input or output channels (weight gradient) split across threads: on the
     * padded paths one sample per product (6 × 6 planes) or runs of samples (4 × 4 and, with 64 channels, 8 × 8
     * planes: several runs per thread, the last shorter), and on the direct 1 × 1 path (16 × 16 planes).
     */
    @Test
    void theResultsDoNotDependOnTheThreadCount() {
        int[][] cases = {{16, 8, 6, 10}, {2, 16, 4, 10}, {16, 16, 16, 10}, {64, 64, 8, 37}, {2, 32, 16, 21}, {32, 2, 16, 21}};
        for (int k : new int[] {1, 3}) {
            for (int[] c : cases) {
                SplittableRandom r = new SplittableRandom(k * 10L + c[0]);
                int side = c[2];
                INDArray x = KernelTestArrays.gaussian(r, DataType.FLOAT, c[3], c[0], side, side);
                INDArray weight = KernelTestArrays.gaussian(r, DataType.FLOAT, k, k, c[0], c[1]);
                INDArray g = KernelTestArrays.gaussian(r, DataType.FLOAT, c[3], c[1], side, side);
                INDArray[][] results = new INDArray[3][];
                for (int threads = 1; threads <= 3; threads++) {
                    Kernels.useThreads(threads);
                    INDArray gw = Nd4j.zeros(DataType.FLOAT, k, k, c[0], c[1]);
                    INDArray y = Kernels.convolution(x, weight, null);
                    INDArray gx = Kernels.convolutionBackward(x, weight, g, gw);
                    results[threads - 1] = new INDArray[] {y, gx, gw};
                }
                for (int t = 1; t < 3; t++) {
                    for (int i = 0; i < 3; i++) {
                        assertArrayEquals(results[0][i].data().asFloat(), results[t][i].data().asFloat(),
                                "k " + k + ", " + c[0] + " -> " + c[1] + " at " + side + "², " + (t + 1)
                                        + " threads, result " + i);
                    }
                }
            }
        }
    }

    @Test
    void aNonContiguousInputGivesTheSameResult() {
        SplittableRandom r = new SplittableRandom(5);
        INDArray x = KernelTestArrays.gaussian(r, DataType.FLOAT, 2, 3, 6, 5);
        INDArray weight = KernelTestArrays.gaussian(r, DataType.FLOAT, 3, 3, 3, 4);
        INDArray view = x.permute(0, 1, 3, 2).dup('c').permute(0, 1, 3, 2);
        assertEquals(x, view);
        assertEquals(Kernels.convolution(x, weight, null), Kernels.convolution(view, weight, null));
    }

    /**
     * {@code m, n}, p in whole vectors, and the samples per run: two runs, their chains continued, then the lanes
     * added up.
     */
    @ParameterizedTest
    @MethodSource("rowProducts")
    void theRowsProductEqualsItsScalarReferenceBitForBit(int m, int n, int vectors, int samples) {
        int lanes = VectorGemm.lanes();
        int p = vectors * lanes;
        SplittableRandom r = new SplittableRandom(m * 1000L + n * 10L + p + samples);
        int lda = p + 3;
        int ldb = p + 1;
        long aSample = (long) m * lda + 5;
        long bSample = (long) n * ldb + 2;
        int ldp = n + 1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vector = arena.allocate((long) m * ldp * lanes * Float.BYTES, 64);
            MemorySegment scalar = arena.allocate((long) m * ldp * lanes * Float.BYTES, 64);
            for (int run = 0; run < 2; run++) {
                MemorySegment a = KernelTestArrays.gaussianFloats(arena, r, samples * aSample);
                MemorySegment b = KernelTestArrays.gaussianFloats(arena, r, samples * bSample);
                VectorGemm.productAlongRows(vector, ldp, m, n, a, lda, aSample, b, ldb, bSample, p, samples);
                ScalarGemm.productAlongRowsFloat(scalar, ldp, m, n, a, lda, aSample, b, ldb, bSample, p, samples,
                        lanes);
                assertArrayEquals(scalar.toArray(F), vector.toArray(F), m + "x" + n + "x" + p + ", run " + run);
            }
            MemorySegment c = KernelTestArrays.gaussianFloats(arena, new SplittableRandom(9), (long) m * (n + 2));
            float[] expected = c.toArray(F);
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < n; k++) {
                    float sum = 0f;
                    for (int l = 0; l < lanes; l++) {
                        sum += scalar.getAtIndex(F, ((long) i * ldp + k) * lanes + l);
                    }
                    expected[i * (n + 2) + k] += sum;
                }
            }
            VectorGemm.addLaneSums(vector, ldp, m, n, c, n + 2);
            assertArrayEquals(expected, c.toArray(F), "lane sums");
        }
    }

    static Stream<Arguments> rowProducts() {
        return Stream.of(Arguments.of(1, 1, 1, 1), Arguments.of(4, 4, 2, 3), Arguments.of(2, 128, 18, 2),
                Arguments.of(128, 4, 7, 2), Arguments.of(7, 9, 3, 4), Arguments.of(13, 6, 1, 1));
    }


    @Test
    void theRowsProductRefusesPartialVectors() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(4096);
            int p = VectorGemm.lanes() + 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VectorGemm.productAlongRows(m, 1, 1, 1, m, p, p, m, p, p, p, 1));
            assertTrue(e.getMessage().contains("got " + p), e.getMessage());
        }
    }

    @Test
    void refusesWhatItCannotConvolve() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 3, 4, 4);
        INDArray weight = Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.convolution(x, Nd4j.zeros(DataType.FLOAT, 3, 3, 2, 5), null));
        assertTrue(e.getMessage().contains("[3, 3, 2, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.convolution(x, Nd4j.zeros(DataType.FLOAT, 2, 2, 3,
                5), null));
        assertThrows(IllegalArgumentException.class, () -> Kernels.convolution(x, weight.castTo(DataType.DOUBLE),
                null));
        assertThrows(IllegalArgumentException.class, () -> Kernels.convolution(x, weight, new double[4]));
        assertThrows(IllegalArgumentException.class, () -> Kernels.convolutionBackward(x, weight,
                Nd4j.zeros(DataType.FLOAT, 2, 5, 4, 3), weight.ulike()));
        assertThrows(IllegalArgumentException.class, () -> Kernels.convolutionBackward(x, weight,
                Nd4j.zeros(DataType.FLOAT, 2, 5, 4, 4), Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 4)));
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> Kernels.convolutionBackward(x, weight, Nd4j.zeros(DataType.FLOAT, 2, 5, 4, 4), weight));
        assertTrue(shared.getMessage().contains("apart from"), shared.getMessage());
    }
}
