package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 host kernels, written with the Java Vector API over the arrays' memory, {@link #lanes()} floats at a
 * time. With {@code S > 1} spatial elements per channel a loop runs along the spatial positions of one channel (the
 * channel's scale and shift broadcast to every lane); for tables ({@code S = 1}) it runs along the features of one
 * row with the per-feature constants loaded as vectors. Loaded only when the Vector API module is present.
 */
final class VectorLoops {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Eight floats, and four doubles: a sum of squares keeps eight partial sums on every machine. */
    private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> HALF = DoubleVector.SPECIES_256;

    private VectorLoops() {
    }

    /** The number of float lanes in one vector on this machine. */
    static int lanes() {
        return LANES;
    }

    /**
     * The sum of one vector's lanes, stored into {@code lanes} from {@code from} by the caller, added in lane order
     * into a double:
     * {@code reduceLanes(ADD)} may add in another order in compiled and in interpreted code, and the result must not
     * depend on when the JIT compiled this loop. (No vector crosses a method boundary in this class: one the JIT did
     * not inline would be boxed, an allocation per call.)
     */
    static double laneSum(float[] lanes, int from) {
        double sum = 0;
        for (int k = from; k < from + LANES; k++) {
            sum += lanes[k];
        }
        return sum;
    }

    /**
     * Adds {@code x[i]²} for {@code i < n} into {@code partial[i mod 8]} in float64 (each square of a float is exact
     * there), eight floats at a time: the vectors have eight lanes whatever the machine's width, so the order of every
     * partial sum, and the result, are those of {@link HostLoops#sumOfSquaresScalar}.
     */
    static void sumOfSquares(MemorySegment x, long n, double[] partial) {
        DoubleVector low = DoubleVector.fromArray(HALF, partial, 0);
        DoubleVector high = DoubleVector.fromArray(HALF, partial, 4);
        long bound = n - n % 8;
        for (long i = 0; i < bound; i += 8) {
            FloatVector v = FloatVector.fromMemorySegment(EIGHT, x, i * Float.BYTES, ORDER);
            DoubleVector l = (DoubleVector) v.convertShape(VectorOperators.F2D, HALF, 0);
            DoubleVector h = (DoubleVector) v.convertShape(VectorOperators.F2D, HALF, 1);
            low = l.fma(l, low);
            high = h.fma(h, high);
        }
        low.intoArray(partial, 0);
        high.intoArray(partial, 4);
        HostLoops.addSquares(x, true, bound, n, partial);
    }

    /** {@code y = act(a_c·x + b_c)}; x and y may be the same memory. */
    static void channelAffine(MemorySegment x, MemorySegment y, int[] l, float[] a, float[] b, boolean relu) {
        int n = l[0];
        int c = l[1];
        int s = l[2];
        FloatVector zero = FloatVector.zero(SPECIES);
        if (s == 1) {
            int bound = SPECIES.loopBound(c);
            for (long row = 0, base = 0; row < n; row++, base += c) {
                int j = 0;
                for (; j < bound; j += LANES) {
                    long at = (base + j) * Float.BYTES;
                    FloatVector v = FloatVector.fromMemorySegment(SPECIES, x, at, ORDER).fma(
                            FloatVector.fromArray(SPECIES, a, j), FloatVector.fromArray(SPECIES, b, j));
                    (relu ? v.max(zero) : v).intoMemorySegment(y, at, ORDER);
                }
                for (; j < c; j++) {
                    float v = x.getAtIndex(F, base + j) * a[j] + b[j];
                    y.setAtIndex(F, base + j, relu ? Math.max(v, 0f) : v);
                }
            }
            return;
        }
        channelAffinePlanes(x, y, l, a, b, relu, 0, c);
    }

    /** {@link #channelAffine} on channels {@code [from, to)} of a layout with {@code S > 1}. */
    static void channelAffinePlanes(MemorySegment x, MemorySegment y, int[] l, float[] a, float[] b, boolean relu,
                                    int from, int to) {
        int n = l[0];
        int c = l[1];
        int s = l[2];
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(s);
        for (int sample = 0; sample < n; sample++) {
            for (int ch = from; ch < to; ch++) {
                long base = ((long) sample * c + ch) * s;
                FloatVector va = FloatVector.broadcast(SPECIES, a[ch]);
                FloatVector vb = FloatVector.broadcast(SPECIES, b[ch]);
                int i = 0;
                for (; i < bound; i += LANES) {
                    long at = (base + i) * Float.BYTES;
                    FloatVector v = FloatVector.fromMemorySegment(SPECIES, x, at, ORDER).fma(va, vb);
                    (relu ? v.max(zero) : v).intoMemorySegment(y, at, ORDER);
                }
                for (; i < s; i++) {
                    float v = x.getAtIndex(F, base + i) * a[ch] + b[ch];
                    y.setAtIndex(F, base + i, relu ? Math.max(v, 0f) : v);
                }
            }
        }
    }

    /** {@code gx = g_z·a_c} with {@code g_z = g·[y > 0]} for ReLU, adding {@code Σ g_z} and {@code Σ g_z·y}. */
    static void channelBackward(MemorySegment y, MemorySegment g, MemorySegment gx, int[] l, float[] a, boolean relu,
                                double[] sumG, double[] sumGy) {
        int n = l[0];
        int c = l[1];
        int s = l[2];
        FloatVector zero = FloatVector.zero(SPECIES);
        if (s == 1) {
            float[] accG = new float[c];
            float[] accGy = new float[c];
            int bound = SPECIES.loopBound(c);
            for (long row = 0, base = 0; row < n; row++, base += c) {
                int j = 0;
                for (; j < bound; j += LANES) {
                    long at = (base + j) * Float.BYTES;
                    FloatVector yv = FloatVector.fromMemorySegment(SPECIES, y, at, ORDER);
                    FloatVector gz = FloatVector.fromMemorySegment(SPECIES, g, at, ORDER);
                    if (relu) {
                        gz = zero.blend(gz, yv.compare(VectorOperators.GT, 0f));
                    }
                    gz.mul(FloatVector.fromArray(SPECIES, a, j)).intoMemorySegment(gx, at, ORDER);
                    FloatVector.fromArray(SPECIES, accG, j).add(gz).intoArray(accG, j);
                    gz.fma(yv, FloatVector.fromArray(SPECIES, accGy, j)).intoArray(accGy, j);
                }
                for (; j < c; j++) {
                    float yv = y.getAtIndex(F, base + j);
                    float gz = relu && !(yv > 0) ? 0f : g.getAtIndex(F, base + j);
                    gx.setAtIndex(F, base + j, gz * a[j]);
                    accG[j] += gz;
                    accGy[j] += gz * yv;
                }
            }
            for (int j = 0; j < c; j++) {
                sumG[j] += accG[j];
                sumGy[j] += accGy[j];
            }
            return;
        }
        channelBackwardPlanes(y, g, gx, l, a, relu, sumG, sumGy, 0, c);
    }

    /** {@link #channelBackward} on channels {@code [from, to)} of a layout with {@code S > 1}. */
    static void channelBackwardPlanes(MemorySegment y, MemorySegment g, MemorySegment gx, int[] l, float[] a,
                                      boolean relu, double[] sumG, double[] sumGy, int from, int to) {
        int n = l[0];
        int c = l[1];
        int s = l[2];
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(s);
        float[] scratch = new float[LANES];
        for (int sample = 0; sample < n; sample++) {
            for (int ch = from; ch < to; ch++) {
                long base = ((long) sample * c + ch) * s;
                FloatVector va = FloatVector.broadcast(SPECIES, a[ch]);
                FloatVector accG = zero;
                FloatVector accGy = zero;
                int i = 0;
                for (; i < bound; i += LANES) {
                    long at = (base + i) * Float.BYTES;
                    FloatVector yv = FloatVector.fromMemorySegment(SPECIES, y, at, ORDER);
                    FloatVector gz = FloatVector.fromMemorySegment(SPECIES, g, at, ORDER);
                    if (relu) {
                        VectorMask<Float> positive = yv.compare(VectorOperators.GT, 0f);
                        gz = zero.blend(gz, positive);
                    }
                    gz.mul(va).intoMemorySegment(gx, at, ORDER);
                    accG = accG.add(gz);
                    accGy = gz.fma(yv, accGy);
                }
                accG.intoArray(scratch, 0);
                double sg = laneSum(scratch, 0);
                accGy.intoArray(scratch, 0);
                double sgy = laneSum(scratch, 0);
                for (; i < s; i++) {
                    float yv = y.getAtIndex(F, base + i);
                    float gz = relu && !(yv > 0) ? 0f : g.getAtIndex(F, base + i);
                    gx.setAtIndex(F, base + i, gz * a[ch]);
                    sg += gz;
                    sgy += gz * yv;
                }
                sumG[ch] += sg;
                sumGy[ch] += sgy;
            }
        }
    }

    /** Adds {@code Σ x} per channel into {@code sums}. */
    static void channelSums(MemorySegment x, int[] l, double[] sums) {
        int n = l[0];
        int c = l[1];
        int s = l[2];
        if (s == 1) {
            float[] acc = new float[c];
            int bound = SPECIES.loopBound(c);
            for (long row = 0, base = 0; row < n; row++, base += c) {
                int j = 0;
                for (; j < bound; j += LANES) {
                    FloatVector.fromArray(SPECIES, acc, j)
                            .add(FloatVector.fromMemorySegment(SPECIES, x, (base + j) * Float.BYTES, ORDER))
                            .intoArray(acc, j);
                }
                for (; j < c; j++) {
                    acc[j] += x.getAtIndex(F, base + j);
                }
            }
            for (int j = 0; j < c; j++) {
                sums[j] += acc[j];
            }
            return;
        }
        int bound = SPECIES.loopBound(s);
        float[] scratch = new float[LANES];
        for (long block = 0, base = 0; block < (long) n * c; block++, base += s) {
            FloatVector acc = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i < bound; i += LANES) {
                acc = acc.add(FloatVector.fromMemorySegment(SPECIES, x, (base + i) * Float.BYTES, ORDER));
            }
            acc.intoArray(scratch, 0);
            double sum = laneSum(scratch, 0);
            for (; i < s; i++) {
                sum += x.getAtIndex(F, base + i);
            }
            sums[(int) (block % c)] += sum;
        }
    }

    /** {@code g ← g·[y > 0]} over {@code length} elements. */
    static void reluBackward(MemorySegment g, MemorySegment y, long length) {
        FloatVector zero = FloatVector.zero(SPECIES);
        long bound = length - length % LANES;
        long k = 0;
        for (; k < bound; k += LANES) {
            long at = k * Float.BYTES;
            FloatVector gv = FloatVector.fromMemorySegment(SPECIES, g, at, ORDER);
            VectorMask<Float> positive = FloatVector.fromMemorySegment(SPECIES, y, at, ORDER)
                    .compare(VectorOperators.GT, 0f);
            zero.blend(gv, positive).intoMemorySegment(g, at, ORDER);
        }
        for (; k < length; k++) {
            if (!(y.getAtIndex(F, k) > 0)) {
                g.setAtIndex(F, k, 0f);
            }
        }
    }

    /**
     * Adds {@code rows} rows of {@code width} floats of {@code src} (first element {@code from}, rows {@code srcStride}
     * apart) into {@code dst} (first element {@code to}, rows {@code dstStride} apart), a vector at a time with a masked
     * last vector: an image-unfolded convolution's input gradient, tap by tap.
     */
    static void addRows(MemorySegment src, long from, int srcStride, MemorySegment dst, long to, int dstStride,
                        int rows, int width) {
        rows(src, from, srcStride, dst, to, dstStride, rows, width, true);
    }

    /**
     * Copies {@code rows} rows of {@code width} floats from {@code src} (first element {@code from}, rows
     * {@code srcStride} apart) to {@code dst} (first element {@code to}, rows {@code dstStride} apart), a vector at a
     * time with a masked last vector: a convolution's planes, whose rows are too short for a bulk copy call each.
     */
    static void copyRows(MemorySegment src, long from, int srcStride, MemorySegment dst, long to, int dstStride,
                         int rows, int width) {
        rows(src, from, srcStride, dst, to, dstStride, rows, width, false);
    }

    /** {@link #copyRows}, or {@link #addRows} when {@code add}. */
    private static void rows(MemorySegment src, long from, int srcStride, MemorySegment dst, long to, int dstStride,
                             int rows, int width, boolean add) {
        int full = width - width % LANES;
        VectorMask<Float> tail = SPECIES.indexInRange(full, width);
        boolean partial = full < width;
        for (int r = 0; r < rows; r++) {
            long s = (from + (long) r * srcStride) * Float.BYTES;
            long d = (to + (long) r * dstStride) * Float.BYTES;
            for (int j = 0; j < full; j += LANES) {
                long o = (long) j * Float.BYTES;
                FloatVector v = FloatVector.fromMemorySegment(SPECIES, src, s + o, ORDER);
                (add ? v.add(FloatVector.fromMemorySegment(SPECIES, dst, d + o, ORDER)) : v)
                        .intoMemorySegment(dst, d + o, ORDER);
            }
            if (partial) {
                long o = (long) full * Float.BYTES;
                FloatVector v = FloatVector.fromMemorySegment(SPECIES, src, s + o, ORDER, tail);
                (add ? v.add(FloatVector.fromMemorySegment(SPECIES, dst, d + o, ORDER, tail)) : v)
                        .intoMemorySegment(dst, d + o, ORDER, tail);
            }
        }
    }
}
