package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The host path of {@link Kernels}: float32 arrays go to the Vector API loops of {@link VectorLoops}, float64 arrays
 * to the plain loops here, which are also the scalar float32 reference the benchmarks compare the vector loops with.
 * {@code l = [N, C, S]} as in {@link Kernels#layout}.
 */
final class HostLoops {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** The fewest elements a per-channel kernel splits across threads. */
    static final long SPLIT_ELEMENTS = 1L << 16;

    private HostLoops() {
    }

    static float[] floats(double[] v, float fill, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = v == null ? fill : (float) v[i];
        }
        return f;
    }

    private static double[] doubles(double[] v, double fill, int n) {
        if (v != null) {
            return v;
        }
        double[] d = new double[n];
        java.util.Arrays.fill(d, fill);
        return d;
    }

    static void channelAffine(ArrayMemory x, ArrayMemory y, int[] l, double[] scale, double[] shift, boolean relu) {
        int c = l[1];
        if (x.isFloat()) {
            float[] a = floats(scale, 1f, c);
            float[] b = floats(shift, 0f, c);
            if (l[2] == 1) {
                VectorLoops.channelAffine(x.segment(), y.segment(), l, a, b, relu);
            } else {
                ProductThreads.runWhen(splitChannels(l), c, (from, to) -> VectorLoops.channelAffinePlanes(x.segment(),
                        y.segment(), l, a, b, relu, from, to));
            }
        } else {
            channelAffine(x.segment(), y.segment(), l, doubles(scale, 1, c), doubles(shift, 0, c), relu);
        }
    }

    static void channelBackward(ArrayMemory y, ArrayMemory g, ArrayMemory gx, int[] l, double[] scale, boolean relu,
                                double[] sumG, double[] sumGy) {
        int c = l[1];
        if (y.isFloat()) {
            float[] a = floats(scale, 1f, c);
            if (l[2] == 1) {
                VectorLoops.channelBackward(y.segment(), g.segment(), gx.segment(), l, a, relu, sumG, sumGy);
            } else {
                ProductThreads.runWhen(splitChannels(l), c, (from, to) -> VectorLoops.channelBackwardPlanes(
                        y.segment(), g.segment(), gx.segment(), l, a, relu, sumG, sumGy, from, to));
            }
        } else {
            channelBackward(y.segment(), g.segment(), gx.segment(), l, doubles(scale, 1, c), relu, sumG, sumGy);
        }
    }

    /** The channel mixing {@code y[n, o, :] = Σ_i w[o·C + i]·x[n, i, :]}, samples split across threads when large. */
    static void channelMix(ArrayMemory x, ArrayMemory y, int[] l, double[] w) {
        if (x.isFloat()) {
            float[] wf = floats(w, 0f, w.length);
            ProductThreads.runWhen(splitMixing(l), l[0], (from, to) -> ChannelMixing.mix(x.segment(), y.segment(), l,
                    wf, from, to));
        } else {
            ProductThreads.runWhen(splitMixing(l), l[0], (from, to) -> ChannelMixing.mixDouble(x.segment(),
                    y.segment(), l, w, from, to));
        }
    }

    /** {@code gw[o·C + i] += Σ_n Σ_s g[n, o, s]·x[n, i, s]}, rows of gw split across threads when large. */
    static void channelMixWeightGradient(ArrayMemory x, ArrayMemory g, int[] l, double[] gw) {
        if (x.isFloat()) {
            ProductThreads.runWhen(splitMixing(l) && l[1] >= 8, l[1], (from, to) -> ChannelMixing.weightGradient(
                    x.segment(), g.segment(), l, gw, from, to));
        } else {
            ProductThreads.runWhen(splitMixing(l) && l[1] >= 8, l[1], (from, to) -> ChannelMixing
                    .weightGradientDouble(x.segment(), g.segment(), l, gw, from, to));
        }
    }

    /**
     * Whether a channel mixing ({@code N·S·C²} multiply-adds) is worth handing to the threads: from about 4 million,
     * some 0.3 ms on one core; Glow's invertible 1×1 convolutions (at most a quarter of that) run on the caller.
     */
    private static boolean splitMixing(int[] l) {
        return (long) l[0] * l[2] * l[1] * l[1] >= 1L << 22;
    }

    /**
     * Whether a per-channel kernel over image planes splits its channels across the kernel threads: each channel is
     * then one thread's, in the same order as on one thread, so the results do not depend on the thread count.
     */
    private static boolean splitChannels(int[] l) {
        return (long) l[0] * l[1] * l[2] >= SPLIT_ELEMENTS;
    }

    static double[] channelSums(ArrayMemory x, int[] l) {
        double[] sums = new double[l[1]];
        if (x.isFloat()) {
            VectorLoops.channelSums(x.segment(), l, sums);
        } else {
            for (int n = 0, k = 0; n < l[0]; n++) {
                for (int c = 0; c < l[1]; c++) {
                    double s = 0;
                    for (int i = 0; i < l[2]; i++, k++) {
                        s += x.segment().getAtIndex(D, k);
                    }
                    sums[c] += s;
                }
            }
        }
        return sums;
    }

    /**
     * {@code Σ x²} over x's {@code n} values in float64: {@code x[i]²} is added into partial sum {@code i mod 8},
     * and the eight partial sums are added pairwise, {@code ((s₀ + s₁) + (s₂ + s₃)) + ((s₄ + s₅) + (s₆ + s₇))}.
     * The order is fixed, so the result depends neither on the vector width nor on when the loop was compiled.
     */
    static double sumOfSquares(ArrayMemory x, long n) {
        double[] partial = new double[8];
        if (x.isFloat()) {
            VectorLoops.sumOfSquares(x.segment(), n, partial);
        } else {
            addSquares(x.segment(), false, 0, n, partial);
        }
        return pairwise(partial);
    }

    /** {@link #sumOfSquares} of n float32 values one at a time: the scalar reference of the vector loop. */
    static double sumOfSquaresScalar(MemorySegment x, long n) {
        double[] partial = new double[8];
        addSquares(x, true, 0, n, partial);
        return pairwise(partial);
    }

    /**
     * {@code partial[i mod 8] += x[i]²} for {@code from ≤ i < to}, one value at a time in float64 ({@code floats}:
     * x holds float32 values, else float64): the order {@link #sumOfSquares} defines, and the vector loop's tail.
     */
    static void addSquares(MemorySegment x, boolean floats, long from, long to, double[] partial) {
        for (long i = from; i < to; i++) {
            double v = floats ? x.getAtIndex(F, i) : x.getAtIndex(D, i);
            partial[(int) (i % 8)] = Math.fma(v, v, partial[(int) (i % 8)]);
        }
    }

    private static double pairwise(double[] s) {
        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }

    static void reluBackward(ArrayMemory g, ArrayMemory y, long length) {
        if (g.isFloat()) {
            VectorLoops.reluBackward(g.segment(), y.segment(), length);
        } else {
            MemorySegment gs = g.segment();
            MemorySegment ys = y.segment();
            for (long k = 0; k < length; k++) {
                if (!(ys.getAtIndex(D, k) > 0)) {
                    gs.setAtIndex(D, k, 0.0);
                }
            }
        }
    }

    /** {@code y = act(a_c·x + b_c)}, float64. */
    static void channelAffine(MemorySegment x, MemorySegment y, int[] l, double[] a, double[] b, boolean relu) {
        for (long n = 0, k = 0; n < l[0]; n++) {
            for (int c = 0; c < l[1]; c++) {
                for (int i = 0; i < l[2]; i++, k++) {
                    double v = x.getAtIndex(D, k) * a[c] + b[c];
                    y.setAtIndex(D, k, relu ? Math.max(v, 0.0) : v);
                }
            }
        }
    }

    /** {@code y = act(a_c·x + b_c)}, float32, one scalar at a time: the reference for the vector loop. */
    static void channelAffineScalar(MemorySegment x, MemorySegment y, int[] l, float[] a, float[] b, boolean relu) {
        for (long n = 0, k = 0; n < l[0]; n++) {
            for (int c = 0; c < l[1]; c++) {
                for (int i = 0; i < l[2]; i++, k++) {
                    float v = x.getAtIndex(F, k) * a[c] + b[c];
                    y.setAtIndex(F, k, relu ? Math.max(v, 0f) : v);
                }
            }
        }
    }

    /** Adds {@code Σ x} per channel into {@code sums}, float32, one scalar at a time: the vector loop's reference. */
    static void channelSumsScalar(MemorySegment x, int[] l, double[] sums) {
        for (long n = 0, k = 0; n < l[0]; n++) {
            for (int c = 0; c < l[1]; c++) {
                float s = 0;
                for (int i = 0; i < l[2]; i++, k++) {
                    s += x.getAtIndex(F, k);
                }
                sums[c] += s;
            }
        }
    }

    /** {@code g ← g·[y > 0]}, float32, one scalar at a time: the vector loop's reference. */
    static void reluBackwardScalar(MemorySegment g, MemorySegment y, long length) {
        for (long k = 0; k < length; k++) {
            if (!(y.getAtIndex(F, k) > 0)) {
                g.setAtIndex(F, k, 0f);
            }
        }
    }

    /** The backward pass of {@link #channelAffine}, float64. */
    static void channelBackward(MemorySegment y, MemorySegment g, MemorySegment gx, int[] l, double[] a, boolean relu,
                                double[] sumG, double[] sumGy) {
        for (long n = 0, k = 0; n < l[0]; n++) {
            for (int c = 0; c < l[1]; c++) {
                double sg = 0;
                double sgy = 0;
                for (int i = 0; i < l[2]; i++, k++) {
                    double yv = y.getAtIndex(D, k);
                    double gz = relu && !(yv > 0) ? 0 : g.getAtIndex(D, k);
                    gx.setAtIndex(D, k, gz * a[c]);
                    sg += gz;
                    sgy += gz * yv;
                }
                sumG[c] += sg;
                sumGy[c] += sgy;
            }
        }
    }

    /** The backward pass of {@link #channelAffineScalar}, float32, one scalar at a time. */
    static void channelBackwardScalar(MemorySegment y, MemorySegment g, MemorySegment gx, int[] l, float[] a,
                                      boolean relu, double[] sumG, double[] sumGy) {
        for (long n = 0, k = 0; n < l[0]; n++) {
            for (int c = 0; c < l[1]; c++) {
                float sg = 0;
                float sgy = 0;
                for (int i = 0; i < l[2]; i++, k++) {
                    float yv = y.getAtIndex(F, k);
                    float gz = relu && !(yv > 0) ? 0f : g.getAtIndex(F, k);
                    gx.setAtIndex(F, k, gz * a[c]);
                    sg += gz;
                    sgy += gz * yv;
                }
                sumG[c] += sg;
                sumGy[c] += sgy;
            }
        }
    }
}
