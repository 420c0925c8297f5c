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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Kernels#channelMix} and {@link Kernels#channelMixBackward}: the host path against ND4J's tensor products and
 * against a direct float64 sum, on channel counts below, at and above a block of four, planes that are and are not
 * whole vectors, and batches long enough for several runs of the weight gradient — float32 within {@code 1e-4} of
 * the largest magnitude (C terms per output, or N·S for the weight gradient, added in another order), float64 within
 * {@code 1e-11}; the float32 mixing equal to its scalar reference bit for bit; host results independent of the
 * thread count bit for bit; and the refusals.
 */
class ChannelMixKernelTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @AfterEach
    void automatic() {
        Kernels.use(null);
        Kernels.useThreads(1);
    }

    /** {@code N, C, H, W}. */
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(3, 1, 4, 4), Arguments.of(2, 3, 5, 7), Arguments.of(64, 4, 16, 16),
                Arguments.of(64, 8, 8, 8), Arguments.of(64, 16, 4, 4), Arguments.of(5, 6, 3, 3), Arguments.of(9, 12, 6, 6),
                Arguments.of(200, 5, 2, 2), Arguments.of(2, 48, 8, 8));
    }

    private static double[] weight(SplittableRandom r, int c) {
        double[] w = new double[c * c];
        for (int k = 0; k < w.length; k++) {
            w[k] = r.nextGaussian();
        }
        return w;
    }

    /** Channel k of an {@code [N, C, H, W]} array, a view. */
    private static INDArray channel(INDArray a, int k) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.point(k));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void hostAndNd4jPathsAgreeWithTheDefinition(int n, int c, int h, int w) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-11;
            SplittableRandom r = new SplittableRandom(31L * n + 7L * c + 100L * h + w);
            INDArray x = KernelTestArrays.gaussian(r, type, n, c, h, w);
            INDArray g = KernelTestArrays.gaussian(r, type, n, c, h, w);
            double[] wt = weight(r, c);
            INDArray x64 = x.castTo(DataType.DOUBLE);
            INDArray g64 = g.castTo(DataType.DOUBLE);
            INDArray expectedY = Nd4j.zeros(DataType.DOUBLE, n, c, h, w);
            INDArray expectedGx = Nd4j.zeros(DataType.DOUBLE, n, c, h, w);
            double[] expectedGw = new double[c * c];
            for (int o = 0; o < c; o++) {
                for (int i = 0; i < c; i++) {
                    INDArray xi = channel(x64, i);
                    INDArray go = channel(g64, o);
                    channel(expectedY, o).addi(xi.mul(wt[o * c + i]));
                    channel(expectedGx, i).addi(go.mul(wt[o * c + i]));
                    expectedGw[o * c + i] = go.mul(xi).sumNumber().doubleValue();
                }
            }
            for (Kernels.Path path : new Kernels.Path[] {Kernels.Path.HOST, Kernels.Path.ND4J}) {
                Kernels.use(path);
                String what = path + " " + type + " " + n + "," + c + "," + h + "," + w;
                INDArray y = Kernels.channelMix(x, wt);
                ChannelMixGradients grads = Kernels.channelMixBackward(x, wt, g);
                assertEquals(type, y.dataType(), what);
                assertArrayEquals(x.shape(), grads.gradInput().shape(), what);
                KernelTestArrays.assertClose(expectedY, y.castTo(DataType.DOUBLE), tolerance, what + " y");
                KernelTestArrays.assertClose(expectedGx, grads.gradInput().castTo(DataType.DOUBLE), tolerance,
                        what + " dL/dx");
                KernelTestArrays.assertClose(Nd4j.createFromArray(expectedGw), Nd4j.createFromArray(grads.gradWeight()),
                        tolerance, what + " dL/dW");
            }
        }
    }

    /** Planes of whole vectors, and a tail of 5 positions past them, through the vector loop and the scalar one. */
    @Test
    void theVectorMixingEqualsItsScalarReferenceBitForBit() {
        for (int[] l : new int[][] {{3, 7, 64}, {2, 4, 37}, {4, 16, 16}, {1, 1, 5}}) {
            try (Arena arena = Arena.ofConfined()) {
                SplittableRandom r = new SplittableRandom(l[1] * 100L + l[2]);
                long length = (long) l[0] * l[1] * l[2];
                MemorySegment x = KernelTestArrays.gaussianFloats(arena, r, length);
                MemorySegment vector = arena.allocate(length * Float.BYTES);
                MemorySegment scalar = arena.allocate(length * Float.BYTES);
                float[] w = HostLoops.floats(weight(r, l[1]), 0f, l[1] * l[1]);
                ChannelMixing.mix(x, vector, l, w, 0, l[0]);
                ChannelMixing.mixScalar(x, scalar, l, w);
                for (long k = 0; k < length; k++) {
                    assertEquals(Float.floatToRawIntBits(scalar.getAtIndex(F, k)),
                            Float.floatToRawIntBits(vector.getAtIndex(F, k)), "element " + k + " of " + l[0] + ","
                                    + l[1] + "," + l[2]);
                }
            }
        }
    }

    /** Samples (mixing) and weight-gradient rows split across threads (N·S·C² past the split size) agree with one. */
    @Test
    void theResultsDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(5);
        INDArray x = KernelTestArrays.gaussian(r, DataType.FLOAT, 64, 24, 16, 16);
        INDArray g = KernelTestArrays.gaussian(r, DataType.FLOAT, 64, 24, 16, 16);
        double[] wt = weight(r, 24);
        INDArray[] y = new INDArray[3];
        ChannelMixGradients[] grads = new ChannelMixGradients[3];
        Kernels.use(Kernels.Path.HOST);
        for (int threads = 1; threads <= 3; threads++) {
            Kernels.useThreads(threads);
            y[threads - 1] = Kernels.channelMix(x, wt);
            grads[threads - 1] = Kernels.channelMixBackward(x, wt, g);
        }
        for (int t = 1; t < 3; t++) {
            assertArrayEquals(y[0].data().asFloat(), y[t].data().asFloat(), "y on " + (t + 1) + " threads");
            assertArrayEquals(grads[0].gradInput().data().asFloat(), grads[t].gradInput().data().asFloat(),
                    "dL/dx on " + (t + 1) + " threads");
            assertArrayEquals(grads[0].gradWeight(), grads[t].gradWeight(), "dL/dW on " + (t + 1) + " threads");
        }
    }

    @Test
    void aWeightOfAnotherSizeAnIntegerArrayOrAGradientOfAnotherShapeIsRefused() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4);
        IllegalArgumentException notSquare = assertThrows(IllegalArgumentException.class,
                () -> Kernels.channelMix(x, new double[8]));
        assertTrue(notSquare.getMessage().contains("expected a row-major [C, C] weight of C² values, got 8 values"),
                notSquare.getMessage());
        IllegalArgumentException otherChannels = assertThrows(IllegalArgumentException.class,
                () -> Kernels.channelMix(x, new double[16]));
        assertTrue(otherChannels.getMessage().contains("expected an array [N, 4, ...], got [2, 3, 4, 4]"),
                otherChannels.getMessage());
        IllegalArgumentException integers = assertThrows(IllegalArgumentException.class,
                () -> Kernels.channelMix(Nd4j.zeros(DataType.INT, 2, 3, 4, 4), new double[9]));
        assertTrue(integers.getMessage().contains("expected a floating-point array, got INT"), integers.getMessage());
        IllegalArgumentException otherGradient = assertThrows(IllegalArgumentException.class,
                () -> Kernels.channelMixBackward(x, new double[9], Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5)));
        assertTrue(otherGradient.getMessage().contains("expected two arrays of one shape and type"),
                otherGradient.getMessage());
    }
}
