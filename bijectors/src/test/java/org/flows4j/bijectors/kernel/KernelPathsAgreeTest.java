package org.flows4j.bijectors.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.flows4j.core.Transformed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every kernel gives the same result on the host path (Vector API for float32, loops for float64) and on the ND4J
 * path, on image batches {@code [N, C, H, W]} (spatial loops, with a tail shorter than a vector) and tables
 * {@code [N, D]} (feature loops). Tolerance: float32 {@code 2e-5} relative to the largest magnitude compared — the
 * paths round differently (fused multiply-add, float against double accumulation of up to a few thousand terms,
 * about {@code 1e-6}); float64 {@code 1e-12}.
 */
class KernelPathsAgreeTest {
    @AfterEach
    void automatic() {
        Kernels.use(null);
    }

    static java.util.stream.Stream<Arguments> cases() {
        return java.util.stream.Stream.of(
                Arguments.of(DataType.FLOAT, new long[] {8, 5, 7, 9}),
                Arguments.of(DataType.FLOAT, new long[] {64, 12, 16, 16}),
                Arguments.of(DataType.FLOAT, new long[] {300, 37}),
                Arguments.of(DataType.FLOAT, new long[] {256, 128}),
                Arguments.of(DataType.DOUBLE, new long[] {8, 5, 7, 9}),
                Arguments.of(DataType.DOUBLE, new long[] {300, 37}));
    }

    private static INDArray random(SplittableRandom r, DataType type, long[] shape) {
        double[] v = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    private static double[] randomVector(SplittableRandom r, int n, double offset) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = offset + 0.5 * r.nextGaussian();
        }
        return v;
    }

    private static double tolerance(DataType type) {
        return type == DataType.FLOAT ? 2e-5 : 1e-12;
    }

    private static void assertClose(INDArray expected, INDArray actual, DataType type, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double scale = Math.max(1, expected.castTo(DataType.DOUBLE).amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance(type) * scale, what + ": paths differ by " + diff + " (scale " + scale + ")");
    }

    private static void assertClose(double[] expected, double[] actual, DataType type, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance(type) * scale, what + "[" + i + "]");
        }
    }

    private static <T> T on(Kernels.Path path, Supplier<T> work) {
        Kernels.Path previous = Kernels.use(path);
        try {
            return work.get();
        } finally {
            Kernels.use(previous);
        }
    }

    @Test
    void theHostPathRunsHere() {
        assertTrue(Kernels.hostAvailable(), "the tests run with --add-modules jdk.incubator.vector on the CPU backend: "
                + Kernels.describe());
        assertEquals(Kernels.Path.HOST, Kernels.path());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void channelAffineForwardAndBackward(DataType type, long[] shape) {
        SplittableRandom r = new SplittableRandom(shape.length * 31L + shape[1]);
        INDArray x = random(r, type, shape);
        INDArray g = random(r, type, shape);
        int c = (int) shape[1];
        double[] a = randomVector(r, c, 1);
        double[] b = randomVector(r, c, 0);
        for (boolean relu : new boolean[] {false, true}) {
            INDArray yHost = on(Kernels.Path.HOST, () -> Kernels.channelAffine(x, a, b, relu));
            INDArray yNd4j = on(Kernels.Path.ND4J, () -> Kernels.channelAffine(x, a, b, relu));
            assertClose(yNd4j, yHost, type, "channelAffine relu=" + relu);
            ChannelGradients host = on(Kernels.Path.HOST, () -> Kernels.channelAffineBackward(yHost, g, a, relu));
            ChannelGradients nd4j = on(Kernels.Path.ND4J, () -> Kernels.channelAffineBackward(yHost, g, a, relu));
            assertClose(nd4j.gradInput(), host.gradInput(), type, "channelAffineBackward dL/dx relu=" + relu);
            assertClose(nd4j.gradSum(), host.gradSum(), type, "channelAffineBackward Σ g relu=" + relu);
            assertClose(nd4j.gradOutputSum(), host.gradOutputSum(), type, "channelAffineBackward Σ g·y relu=" + relu);
            INDArray inPlaceHost = x.dup('c');
            INDArray inPlaceNd4j = x.dup('c');
            on(Kernels.Path.HOST, () -> {
                Kernels.channelAffineInPlace(inPlaceHost, null, b, relu);
                return null;
            });
            on(Kernels.Path.ND4J, () -> {
                Kernels.channelAffineInPlace(inPlaceNd4j, null, b, relu);
                return null;
            });
            assertClose(inPlaceNd4j, inPlaceHost, type, "channelAffineInPlace relu=" + relu);
        }
        assertClose(on(Kernels.Path.ND4J, () -> Kernels.channelSums(x, c)),
                on(Kernels.Path.HOST, () -> Kernels.channelSums(x, c)), type, "channelSums");
        INDArray y = Kernels.channelAffine(x, null, b, true);
        INDArray gHost = g.dup('c');
        INDArray gNd4j = g.dup('c');
        on(Kernels.Path.HOST, () -> {
            Kernels.reluBackwardInPlace(gHost, y);
            return null;
        });
        on(Kernels.Path.ND4J, () -> {
            Kernels.reluBackwardInPlace(gNd4j, y);
            return null;
        });
        assertClose(gNd4j, gHost, type, "reluBackwardInPlace");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sigmoidAffineForwardInverseAndBackward(DataType type, long[] shape) {
        SplittableRandom r = new SplittableRandom(shape.length * 17L + shape[0]);
        INDArray x = random(r, type, shape);
        INDArray t = random(r, type, shape);
        INDArray a = random(r, type, shape).muli(3);
        INDArray g = random(r, type, shape);
        INDArray gLogDet = random(r, type, new long[] {shape[0]});
        boolean[] keep = new boolean[(int) (x.length() / shape[0])];
        for (int e = 0; e < keep.length; e++) {
            keep[e] = r.nextBoolean();
        }
        for (boolean[] mask : new boolean[][] {null, keep}) {
            String m = mask == null ? "" : " masked";
            for (double floor : new double[] {0, 0.3}) {
                Transformed host = on(Kernels.Path.HOST, () -> Kernels.sigmoidAffineForward(x, t, a, floor, mask));
                Transformed nd4j = on(Kernels.Path.ND4J, () -> Kernels.sigmoidAffineForward(x, t, a, floor, mask));
                assertClose(nd4j.output(), host.output(), type, "sigmoidAffineForward y" + m);
                assertClose(nd4j.logDet(), host.logDet(), type, "sigmoidAffineForward logdet" + m);
                assertClose(on(Kernels.Path.ND4J, () -> Kernels.sigmoidAffineInverse(host.output(), t, a, floor, mask)),
                        on(Kernels.Path.HOST, () -> Kernels.sigmoidAffineInverse(host.output(), t, a, floor, mask)),
                        type, "sigmoidAffineInverse" + m);
                AffineGradients gh = on(Kernels.Path.HOST,
                        () -> Kernels.sigmoidAffineBackward(host.output(), g, t, a, gLogDet, floor, mask));
                AffineGradients gn = on(Kernels.Path.ND4J,
                        () -> Kernels.sigmoidAffineBackward(host.output(), g, t, a, gLogDet, floor, mask));
                assertClose(gn.input(), gh.input(), type, "sigmoidAffineBackward x" + m);
                assertClose(gn.gradInput(), gh.gradInput(), type, "sigmoidAffineBackward dL/dx" + m);
                assertClose(gn.gradShift(), gh.gradShift(), type, "sigmoidAffineBackward dL/dt" + m);
                assertClose(gn.gradRawScale(), gh.gradRawScale(), type, "sigmoidAffineBackward dL/da" + m);
            }
        }
        for (boolean kept : new boolean[] {true, false}) {
            assertClose(on(Kernels.Path.ND4J, () -> Kernels.mask(x, keep, kept)),
                    on(Kernels.Path.HOST, () -> Kernels.mask(x, keep, kept)), type, "mask kept=" + kept);
        }
        assertClose(on(Kernels.Path.ND4J, () -> Kernels.shiftTransformed(x, t, keep, -1)),
                on(Kernels.Path.HOST, () -> Kernels.shiftTransformed(x, t, keep, -1)), type, "shiftTransformed");
        INDArray sumHost = x.dup('c');
        INDArray sumNd4j = x.dup('c');
        on(Kernels.Path.HOST, () -> {
            Kernels.addKept(sumHost, g, keep);
            return null;
        });
        on(Kernels.Path.ND4J, () -> {
            Kernels.addKept(sumNd4j, g, keep);
            return null;
        });
        assertClose(sumNd4j, sumHost, type, "addKept");
        if (shape.length == 4) {
            int[] order = new int[(int) shape[1]];
            for (int c = 0; c < order.length; c++) {
                order[c] = order.length - 1 - c;
            }
            assertClose(on(Kernels.Path.ND4J, () -> Kernels.gatherChannels(x, order)),
                    on(Kernels.Path.HOST, () -> Kernels.gatherChannels(x, order)), type, "gatherChannels");
        }
    }

    static java.util.stream.Stream<Arguments> tables() {
        return java.util.stream.Stream.of(Arguments.of(DataType.FLOAT, 300, 9), Arguments.of(DataType.DOUBLE, 37, 8));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tabularCouplingKernels(DataType type, int rows, int d) {
        SplittableRandom r = new SplittableRandom(rows * 7L + d);
        INDArray x = random(r, type, new long[] {rows, d});
        INDArray g = random(r, type, new long[] {rows, d});
        INDArray gLogDet = random(r, type, new long[] {rows});
        int[] a = {0, 3, 4, 7};
        int[] b = java.util.stream.IntStream.range(0, d).filter(j -> java.util.Arrays.binarySearch(a, j) < 0).toArray();
        INDArray h = random(r, type, new long[] {rows, 2 * b.length});
        INDArray t = random(r, type, new long[] {rows, b.length});
        assertClose(on(Kernels.Path.ND4J, () -> Kernels.gatherColumns(x, b)),
                on(Kernels.Path.HOST, () -> Kernels.gatherColumns(x, b)), type, "gatherColumns");
        assertClose(on(Kernels.Path.ND4J, () -> Kernels.shiftColumns(x, t, b, -1)),
                on(Kernels.Path.HOST, () -> Kernels.shiftColumns(x, t, b, -1)), type, "shiftColumns");
        INDArray addHost = x.dup('c');
        INDArray addNd4j = x.dup('c');
        INDArray values = random(r, type, new long[] {rows, a.length});
        on(Kernels.Path.HOST, () -> {
            Kernels.addToColumns(addHost, values, a);
            return null;
        });
        on(Kernels.Path.ND4J, () -> {
            Kernels.addToColumns(addNd4j, values, a);
            return null;
        });
        assertClose(addNd4j, addHost, type, "addToColumns");
        for (LogScale scale : new LogScale[] {org.flows4j.bijectors.CouplingScale.expTanh(2),
            org.flows4j.bijectors.CouplingScale.sigmoid()}) {
            for (boolean forward : new boolean[] {true, false}) {
                Transformed host = on(Kernels.Path.HOST, () -> Kernels.affineCoupling(x, h, a, b, scale, forward));
                Transformed nd4j = on(Kernels.Path.ND4J, () -> Kernels.affineCoupling(x, h, a, b, scale, forward));
                assertClose(nd4j.output(), host.output(), type, "affineCoupling y " + scale + " " + forward);
                assertClose(nd4j.logDet(), host.logDet(), type, "affineCoupling logdet " + scale + " " + forward);
            }
            CouplingGradients host = on(Kernels.Path.HOST,
                    () -> Kernels.affineCouplingBackward(x, g, h, gLogDet, a, b, scale));
            CouplingGradients nd4j = on(Kernels.Path.ND4J,
                    () -> Kernels.affineCouplingBackward(x, g, h, gLogDet, a, b, scale));
            assertClose(nd4j.input(), host.input(), type, "affineCouplingBackward x " + scale);
            assertClose(nd4j.gradInput(), host.gradInput(), type, "affineCouplingBackward dL/dx " + scale);
            assertClose(nd4j.gradConditionerOutput(), host.gradConditionerOutput(), type,
                    "affineCouplingBackward dL/dh " + scale);
        }
    }

    @Test
    void aForcedPathIsReportedAndUndone() {
        Kernels.Path previous = Kernels.use(Kernels.Path.ND4J);
        assertEquals(Kernels.Path.ND4J, Kernels.path());
        assertTrue(Kernels.describe().contains("forced"), Kernels.describe());
        Kernels.use(previous);
        assertEquals(Kernels.Path.HOST, Kernels.path());
    }
}
