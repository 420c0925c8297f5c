package org.flows4j.bijectors.kernel;

/**
 * The host path of the coupling and permutation kernels: one pass over the arrays' memory per call, reading and
 * writing through {@link ArrayMemory} (float32 or float64). A coupling's positions come from its
 * {@link CouplingLayout}; each sample's transformed elements and parameters are gathered into Java arrays for the
 * element-wise map and scattered back.
 */
final class CouplingLoops {
    private CouplingLoops() {
    }

    /** The fewest transformed elements a map's pass splits across threads. */
    static final long SPLIT_ELEMENTS = 1L << 14;

    /**
     * Whether a map's pass splits its samples across the kernel threads: each sample is computed alone, so the
     * results do not depend on the thread count.
     */
    private static boolean splitSamples(int rows, CouplingLayout l) {
        return (long) rows * l.transformedSize() >= SPLIT_ELEMENTS;
    }

    static void gatherColumns(ArrayMemory x, ArrayMemory out, int rows, int d, int[] columns) {
        for (int i = 0, o = 0; i < rows; i++) {
            for (int c : columns) {
                out.set(o++, x.get((long) i * d + c));
            }
        }
    }

    static void gatherChannels(ArrayMemory x, ArrayMemory y, long samples, int[] order, long plane) {
        int channels = order.length;
        for (long n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                y.copyFrom(x, (n * channels + order[c]) * plane, (n * channels + c) * plane, plane);
            }
        }
    }

    /** The conditioner's input: kept element i of each sample at its input position, the rest left as created. */
    static void conditionerInput(ArrayMemory x, ArrayMemory in, int rows, CouplingLayout l) {
        int e = l.eventSize();
        int size = l.inputSize();
        int[] kept = l.identityPositions();
        int[] at = l.inputIndex();
        for (int n = 0; n < rows; n++) {
            long row = (long) n * e;
            long inRow = (long) n * size;
            for (int i = 0; i < kept.length; i++) {
                in.set(inRow + at[i], x.get(row + kept[i]));
            }
        }
    }

    /** {@code g[kept] += gIn[input position]} per sample. */
    static void addConditionerGradient(ArrayMemory g, ArrayMemory gIn, int rows, CouplingLayout l) {
        int e = l.eventSize();
        int size = l.inputSize();
        int[] kept = l.identityPositions();
        int[] at = l.inputIndex();
        for (int n = 0; n < rows; n++) {
            long row = (long) n * e;
            long inRow = (long) n * size;
            for (int i = 0; i < kept.length; i++) {
                g.add(row + kept[i], gIn.get(inRow + at[i]));
            }
        }
    }

    /** One sample's transformed elements of {@code a} (row offset {@code row}) into {@code out}. */
    private static void gather(ArrayMemory a, long row, int[] positions, double[] out) {
        for (int j = 0; j < positions.length; j++) {
            out[j] = a.get(row + positions[j]);
        }
    }

    private static void scatter(double[] values, ArrayMemory a, long row, int[] positions) {
        for (int j = 0; j < positions.length; j++) {
            a.set(row + positions[j], values[j]);
        }
    }

    /** One sample's parameters: {@code theta[p][j] = h[row + p·block + parameterIndex[j]]}. */
    private static void gatherParameters(ArrayMemory h, long row, CouplingLayout l, double[][] theta) {
        int[] at = l.parameterIndex();
        int block = l.blockSize();
        for (int p = 0; p < theta.length; p++) {
            gather(h, row + (long) p * block, at, theta[p]);
        }
    }

    /**
     * {@code out = in} (copied by the caller) with {@code out_B = f(in_B)} per sample and its log-det written to
     * {@code logDet} ({@code forward}), or {@code out_B = f⁻¹(in_B)} ({@code logDet} unused, may be null).
     */
    static void apply(ArrayMemory in, ArrayMemory h, ArrayMemory out, ArrayMemory logDet, int rows, CouplingLayout l,
                      ElementwiseMath map, boolean forward) {
        ProductThreads.runWhen(splitSamples(rows, l), rows, (from, to) -> apply(in, h, out, logDet, from, to, l, map,
                forward));
    }

    /** {@link #apply} on samples {@code [from, to)}. */
    private static void apply(ArrayMemory in, ArrayMemory h, ArrayMemory out, ArrayMemory logDet, int from, int to,
                              CouplingLayout l, ElementwiseMath map, boolean forward) {
        int k = l.transformedSize();
        int[] b = l.transformedPositions();
        int params = map.parametersPerElement();
        long hRow = (long) params * l.blockSize();
        double[] x = new double[k];
        double[] y = new double[k];
        double[][] theta = new double[params][k];
        for (int n = from; n < to; n++) {
            long row = (long) n * l.eventSize();
            gather(in, row, b, x);
            gatherParameters(h, n * hRow, l, theta);
            if (forward) {
                logDet.set(n, map.forward(x, theta, y));
            } else {
                map.inverse(x, theta, y);
            }
            scatter(y, out, row, b);
        }
    }

    /**
     * With {@code x = y} and {@code gx = gy} copied by the caller and {@code gh} zero where unused: the transformed
     * elements of x and gx, and gh at the parameters' positions.
     */
    static void backward(ArrayMemory y, ArrayMemory gy, ArrayMemory h, ArrayMemory gLogDet, ArrayMemory x,
                         ArrayMemory gx, ArrayMemory gh, int rows, CouplingLayout l, ElementwiseMath map) {
        ProductThreads.runWhen(splitSamples(rows, l), rows, (from, to) -> backward(y, gy, h, gLogDet, x, gx, gh, from,
                to, l, map));
    }

    /** {@link #backward} on samples {@code [from, to)}. */
    private static void backward(ArrayMemory y, ArrayMemory gy, ArrayMemory h, ArrayMemory gLogDet, ArrayMemory x,
                                 ArrayMemory gx, ArrayMemory gh, int from, int to, CouplingLayout l,
                                 ElementwiseMath map) {
        int k = l.transformedSize();
        int[] b = l.transformedPositions();
        int[] at = l.parameterIndex();
        int block = l.blockSize();
        int params = map.parametersPerElement();
        long hRow = (long) params * block;
        double[] yb = new double[k];
        double[] gb = new double[k];
        double[] xb = new double[k];
        double[] gxb = new double[k];
        double[][] theta = new double[params][k];
        double[][] gTheta = new double[params][k];
        for (int n = from; n < to; n++) {
            long row = (long) n * l.eventSize();
            gather(y, row, b, yb);
            gather(gy, row, b, gb);
            gatherParameters(h, n * hRow, l, theta);
            map.backward(yb, gb, gLogDet.get(n), theta, xb, gxb, gTheta);
            scatter(xb, x, row, b);
            scatter(gxb, gx, row, b);
            for (int p = 0; p < params; p++) {
                scatter(gTheta[p], gh, n * hRow + (long) p * block, at);
            }
        }
    }
}
