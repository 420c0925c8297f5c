package org.flows4j.bijectors.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.flows4j.bijectors.AffineMap;
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
    void gatherChannels(DataType type, long[] shape) {
        if (shape.length != 4) {
            return;
        }
        INDArray x = random(new SplittableRandom(shape[0]), type, shape);
        int[] order = new int[(int) shape[1]];
        for (int c = 0; c < order.length; c++) {
            order[c] = order.length - 1 - c;
        }
        assertClose(on(Kernels.Path.ND4J, () -> Kernels.gatherChannels(x, order)),
                on(Kernels.Path.HOST, () -> Kernels.gatherChannels(x, order)), type, "gatherChannels");
    }

    /** The three arrangements of the library's partitions: an index split, a channel split, a checkerboard mask. */
    static java.util.stream.Stream<Arguments> layouts() {
        int[] b = {1, 2, 5, 6, 8};
        CouplingLayout columns = new CouplingLayout(new long[] {9}, b, true, new long[] {4}, new long[] {5});
        CouplingLayout channels = new CouplingLayout(new long[] {6, 5, 3},
                java.util.stream.IntStream.range(45, 90).toArray(), true, new long[] {3, 5, 3}, new long[] {3, 5, 3});
        int[] odd = java.util.stream.IntStream.range(0, 3 * 4 * 5).filter(e -> (e / 5 + e % 5) % 2 == 1).toArray();
        CouplingLayout checkerboard = new CouplingLayout(new long[] {3, 4, 5}, odd, false, new long[] {3, 4, 5},
                new long[] {3, 4, 5});
        java.util.List<Arguments> all = new java.util.ArrayList<>();
        for (CouplingLayout l : new CouplingLayout[] {columns, channels, checkerboard}) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                all.add(Arguments.of(type, l, 37));
            }
            all.add(Arguments.of(DataType.FLOAT, l, 256));
        }
        return all.stream();
    }

    private static long[] batch(long n, long[] event) {
        long[] s = new long[event.length + 1];
        s[0] = n;
        System.arraycopy(event, 0, s, 1, event.length);
        return s;
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void couplingKernels(DataType type, CouplingLayout layout, int rows) {
        SplittableRandom r = new SplittableRandom(rows * 7L + layout.eventSize());
        long[] shape = batch(rows, layout.eventShape());
        INDArray x = random(r, type, shape);
        INDArray g = random(r, type, shape);
        INDArray gLogDet = random(r, type, new long[] {rows});
        String where = " " + layout + " " + type;
        INDArray inHost = on(Kernels.Path.HOST, () -> CouplingKernels.conditionerInput(x, layout));
        assertClose(on(Kernels.Path.ND4J, () -> CouplingKernels.conditionerInput(x, layout)), inHost, type,
                "conditionerInput" + where);
        INDArray gIn = random(r, type, inHost.shape());
        INDArray addHost = x.dup('c');
        INDArray addNd4j = x.dup('c');
        on(Kernels.Path.HOST, () -> {
            CouplingKernels.addConditionerGradient(addHost, gIn, layout);
            return null;
        });
        on(Kernels.Path.ND4J, () -> {
            CouplingKernels.addConditionerGradient(addNd4j, gIn, layout);
            return null;
        });
        assertClose(addNd4j, addHost, type, "addConditionerGradient" + where);
        for (ElementwiseMath map : new ElementwiseMath[] {new org.flows4j.bijectors.AdditiveMap(),
            org.flows4j.bijectors.AffineMap.scaleThenShift(org.flows4j.bijectors.CouplingScale.expTanh(2)),
            org.flows4j.bijectors.AffineMap.scaleThenShift(org.flows4j.bijectors.CouplingScale.sigmoid()),
            org.flows4j.bijectors.AffineMap.shiftThenScale(org.flows4j.bijectors.CouplingScale.sigmoid(0.3)),
            org.flows4j.bijectors.AffineMap.shiftThenScale(org.flows4j.bijectors.CouplingScale.expTanh(1.5))}) {
            String m = " " + map + where;
            INDArray h = random(r, type, layout.conditionerOutputShape(rows, map.parametersPerElement()));
            Transformed host = on(Kernels.Path.HOST, () -> CouplingKernels.forward(x, h, layout, map));
            Transformed nd4j = on(Kernels.Path.ND4J, () -> CouplingKernels.forward(x, h, layout, map));
            assertClose(nd4j.output(), host.output(), type, "coupling forward y" + m);
            assertClose(nd4j.logDet(), host.logDet(), type, "coupling forward logdet" + m);
            assertClose(on(Kernels.Path.ND4J, () -> CouplingKernels.inverse(host.output(), h, layout, map)),
                    on(Kernels.Path.HOST, () -> CouplingKernels.inverse(host.output(), h, layout, map)), type,
                    "coupling inverse" + m);
            CouplingGradients gh = on(Kernels.Path.HOST,
                    () -> CouplingKernels.backward(host.output(), g, h, gLogDet, layout, map));
            CouplingGradients gn = on(Kernels.Path.ND4J,
                    () -> CouplingKernels.backward(host.output(), g, h, gLogDet, layout, map));
            assertClose(gn.input(), gh.input(), type, "coupling backward x" + m);
            assertClose(gn.gradInput(), gh.gradInput(), type, "coupling backward dL/dx" + m);
            assertClose(gn.gradConditionerOutput(), gh.gradConditionerOutput(), type, "coupling backward dL/dh" + m);
        }
    }

    static java.util.stream.Stream<Arguments> tables() {
        return java.util.stream.Stream.of(Arguments.of(DataType.FLOAT, 300, 9), Arguments.of(DataType.DOUBLE, 37, 8));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void gatherColumns(DataType type, int rows, int d) {
        SplittableRandom r = new SplittableRandom(rows * 7L + d);
        INDArray x = random(r, type, new long[] {rows, d});
        int[] a = {0, 3, 4, 7};
        int[] b = java.util.stream.IntStream.range(0, d).filter(j -> java.util.Arrays.binarySearch(a, j) < 0).toArray();
        assertClose(on(Kernels.Path.ND4J, () -> Kernels.gatherColumns(x, b)),
                on(Kernels.Path.HOST, () -> Kernels.gatherColumns(x, b)), type, "gatherColumns");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void valuesReadAnyArrayInRowMajorOrderOnBothPaths(DataType type, long[] shape) {
        SplittableRandom r = new SplittableRandom(shape[0] * 7L + shape.length);
        INDArray x = random(r, type, shape);
        double[] expected = Nd4j.toFlattened('c', x.castTo(DataType.DOUBLE)).toDoubleVector();
        for (Kernels.Path path : Kernels.Path.values()) {
            // exact: a float32 value widens to float64 without rounding, whatever reads it
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, on(path, () -> Kernels.values(x)),
                    "values on " + path);
            INDArray t = x.reshape(x.size(0), x.length() / x.size(0)).transpose();
            double[] transposed = Nd4j.toFlattened('c', t.castTo(DataType.DOUBLE)).toDoubleVector();
            org.junit.jupiter.api.Assertions.assertArrayEquals(transposed, on(path, () -> Kernels.values(t)),
                    "values of a transposed view on " + path);
        }
    }

    @Test
    void couplingKernelsRefuseArraysOfAnotherShapeOrType() {
        CouplingLayout l = new CouplingLayout(new long[] {4}, new int[] {2, 3}, true, new long[] {2}, new long[] {2});
        AffineMap map = AffineMap.scaleThenShift(org.flows4j.bijectors.CouplingScale.expTanh(2));
        INDArray y = Nd4j.zeros(DataType.FLOAT, 3, 4);
        INDArray h = Nd4j.zeros(DataType.FLOAT, 3, 4);
        for (Kernels.Path path : Kernels.Path.values()) {
            Kernels.use(path);
            assertRefused("expected an array of shape [N, 4], got [3, 5]",
                    () -> CouplingKernels.forward(Nd4j.zeros(DataType.FLOAT, 3, 5), h, l, map));
            assertRefused("expected an array of shape [3, 4] FLOAT, got [3, 2] FLOAT",
                    () -> CouplingKernels.forward(y, Nd4j.zeros(DataType.FLOAT, 3, 2), l, map));
            assertRefused("expected an array of shape [3, 4] FLOAT, got [3, 4] DOUBLE",
                    () -> CouplingKernels.inverse(y, Nd4j.zeros(DataType.DOUBLE, 3, 4), l, map));
            assertRefused("expected an array of shape [3] FLOAT, got [3, 1] FLOAT",
                    () -> CouplingKernels.backward(y, y, h, Nd4j.zeros(DataType.FLOAT, 3, 1), l, map));
            assertRefused("expected an array of shape [3] FLOAT, got [3] DOUBLE",
                    () -> CouplingKernels.backward(y, y, h, Nd4j.zeros(DataType.DOUBLE, 3), l, map));
            assertRefused("expected an array of shape [3, 2] FLOAT, got [3, 3] FLOAT",
                    () -> CouplingKernels.addConditionerGradient(y.dup(), Nd4j.zeros(DataType.FLOAT, 3, 3), l));
        }
        assertRefused("expected both kept and transformed elements", () -> new CouplingLayout(new long[] {2},
                new int[] {0, 1}, true, new long[] {0}, new long[] {2}));
        assertRefused("expected ascending positions", () -> new CouplingLayout(new long[] {3}, new int[] {2, 1}, true,
                new long[] {1}, new long[] {2}));
    }

    private static void assertRefused(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void addTo(DataType type, long[] shape) {
        SplittableRandom r = new SplittableRandom(shape[0] * 11L + shape.length);
        INDArray x = random(r, type, shape);
        double[] values = randomVector(r, (int) x.length(), 0.5);
        INDArray nd4j = x.dup();
        INDArray host = x.dup();
        on(Kernels.Path.ND4J, () -> {
            Kernels.addTo(nd4j, values);
            return nd4j;
        });
        on(Kernels.Path.HOST, () -> {
            Kernels.addTo(host, values);
            return host;
        });
        assertClose(nd4j, host, type, "addTo");
        assertClose(x.castTo(DataType.DOUBLE).addi(Nd4j.create(values, shape, DataType.DOUBLE)), host.castTo(
                DataType.DOUBLE), type, "addTo against x + values");
        assertRefused("addTo: expected " + x.length() + " values, got 3", () -> Kernels.addTo(host, new double[3]));
    }

    @Test
    void theKernelsPropertyNamesAPathOrIsRefused() {
        assertEquals(Kernels.Path.ND4J, Kernels.forcedPath("nd4j"));
        assertEquals(Kernels.Path.ND4J, Kernels.forcedPath(" ND4J "));
        assertEquals(null, Kernels.forcedPath("auto"));
        assertRefused("-Dflows4j.kernels: expected auto or nd4j, got host", () -> Kernels.forcedPath("host"));
        assertRefused("-Dflows4j.kernels: expected auto or nd4j, got ", () -> Kernels.forcedPath(""));
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
