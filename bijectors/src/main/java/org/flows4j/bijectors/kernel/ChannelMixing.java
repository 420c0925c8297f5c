package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The host loops of {@link Kernels#channelMix}: {@code y[n, o, s] = Σ_i W[o, i]·x[n, i, s]} over arrays
 * {@code l = [N, C, S]}, with W row-major {@code [C, C]}, and the weight gradient
 * {@code dL/dW[o, i] = Σ_n Σ_s g[n, o, s]·x[n, i, s]}. The input gradient is the same mixing with Wᵀ.
 *
 * <p>The mixing runs along each channel plane with the Java Vector API, four output channels at a time, each element
 * one chain of fused multiply-adds over i in increasing order from 0: the result does not depend on the vector width
 * and equals {@link #mixScalar} bit for bit. The weight gradient keeps per-lane float32 partial sums over runs of
 * whole samples (at least 64 products per lane, or one sample where a plane holds more) and adds them to float64
 * sums lane by lane after each run; positions past a plane's last whole vector are summed in float64 directly. So the
 * weight gradient, unlike the mixing, depends on the vector width in its last bits.
 */
final class ChannelMixing {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /** Products per lane a run of samples adds up in float32 (at least; one sample's plane may hold more). */
    private static final int PRODUCTS_PER_RUN = 64;

    private ChannelMixing() {
    }

    /** float32, samples {@code [from, to)}: {@code y[n, o, :] = Σ_i w[o·C + i]·x[n, i, :]}. */
    static void mix(MemorySegment x, MemorySegment y, int[] l, float[] w, int from, int to) {
        int c = l[1];
        int s = l[2];
        int bound = SPECIES.loopBound(s);
        for (int n = from; n < to; n++) {
            long base = (long) n * c * s;
            int o = 0;
            for (; o + 4 <= c; o += 4) {
                int w0 = o * c;
                int w1 = w0 + c;
                int w2 = w1 + c;
                int w3 = w2 + c;
                long out = base + (long) o * s;
                for (int j = 0; j < bound; j += L) {
                    FloatVector a0 = FloatVector.zero(SPECIES);
                    FloatVector a1 = a0;
                    FloatVector a2 = a0;
                    FloatVector a3 = a0;
                    for (int i = 0; i < c; i++) {
                        FloatVector v = FloatVector.fromMemorySegment(SPECIES, x,
                                (base + (long) i * s + j) * Float.BYTES, ORDER);
                        a0 = FloatVector.broadcast(SPECIES, w[w0 + i]).fma(v, a0);
                        a1 = FloatVector.broadcast(SPECIES, w[w1 + i]).fma(v, a1);
                        a2 = FloatVector.broadcast(SPECIES, w[w2 + i]).fma(v, a2);
                        a3 = FloatVector.broadcast(SPECIES, w[w3 + i]).fma(v, a3);
                    }
                    a0.intoMemorySegment(y, (out + j) * Float.BYTES, ORDER);
                    a1.intoMemorySegment(y, (out + s + j) * Float.BYTES, ORDER);
                    a2.intoMemorySegment(y, (out + 2L * s + j) * Float.BYTES, ORDER);
                    a3.intoMemorySegment(y, (out + 3L * s + j) * Float.BYTES, ORDER);
                }
            }
            for (; o < c; o++) {
                int w0 = o * c;
                long out = base + (long) o * s;
                for (int j = 0; j < bound; j += L) {
                    FloatVector a0 = FloatVector.zero(SPECIES);
                    for (int i = 0; i < c; i++) {
                        FloatVector v = FloatVector.fromMemorySegment(SPECIES, x,
                                (base + (long) i * s + j) * Float.BYTES, ORDER);
                        a0 = FloatVector.broadcast(SPECIES, w[w0 + i]).fma(v, a0);
                    }
                    a0.intoMemorySegment(y, (out + j) * Float.BYTES, ORDER);
                }
            }
            mixScalarPositions(x, y, c, s, w, n, bound, s);
        }
    }

    /** float32, one scalar at a time, the same chains as {@link #mix}: its reference, and its plane tails. */
    static void mixScalar(MemorySegment x, MemorySegment y, int[] l, float[] w) {
        for (int n = 0; n < l[0]; n++) {
            mixScalarPositions(x, y, l[1], l[2], w, n, 0, l[2]);
        }
    }

    private static void mixScalarPositions(MemorySegment x, MemorySegment y, int c, int s, float[] w, int n,
                                           int fromPosition, int toPosition) {
        long base = (long) n * c * s;
        for (int o = 0; o < c; o++) {
            for (int j = fromPosition; j < toPosition; j++) {
                float acc = 0f;
                for (int i = 0; i < c; i++) {
                    acc = Math.fma(w[o * c + i], x.getAtIndex(F, base + (long) i * s + j), acc);
                }
                y.setAtIndex(F, base + (long) o * s + j, acc);
            }
        }
    }

    /** float64, samples {@code [from, to)}: the mixing as plain loops. */
    static void mixDouble(MemorySegment x, MemorySegment y, int[] l, double[] w, int from, int to) {
        int c = l[1];
        int s = l[2];
        for (int n = from; n < to; n++) {
            long base = (long) n * c * s;
            for (int o = 0; o < c; o++) {
                for (int j = 0; j < s; j++) {
                    double acc = 0;
                    for (int i = 0; i < c; i++) {
                        acc = Math.fma(w[o * c + i], x.getAtIndex(D, base + (long) i * s + j), acc);
                    }
                    y.setAtIndex(D, base + (long) o * s + j, acc);
                }
            }
        }
    }

    /**
     * float32, rows {@code o ∈ [from, to)} of the weight gradient,
     * {@code gw[o·C + i] += Σ_n Σ_s g[n, o, s]·x[n, i, s]}, four rows at a time against one input channel.
     */
    static void weightGradient(MemorySegment x, MemorySegment g, int[] l, double[] gw, int from, int to) {
        int c = l[1];
        int s = l[2];
        int bound = SPECIES.loopBound(s);
        int run = Math.max(1, PRODUCTS_PER_RUN * L / Math.max(1, bound));
        long plane = (long) s * Float.BYTES;
        float[] lanes = new float[4 * L];
        int o = from;
        for (; o + 4 <= to; o += 4) {
            for (int i = 0; i < c; i++) {
                for (int start = 0; start < l[0]; start += run) {
                    int end = Math.min(l[0], start + run);
                    FloatVector a0 = FloatVector.zero(SPECIES);
                    FloatVector a1 = a0;
                    FloatVector a2 = a0;
                    FloatVector a3 = a0;
                    for (int n = start; n < end; n++) {
                        long base = (long) n * c * s;
                        long xi = (base + (long) i * s) * Float.BYTES;
                        long go = (base + (long) o * s) * Float.BYTES;
                        for (int j = 0; j < bound; j += L) {
                            long at = (long) j * Float.BYTES;
                            FloatVector v = FloatVector.fromMemorySegment(SPECIES, x, xi + at, ORDER);
                            a0 = FloatVector.fromMemorySegment(SPECIES, g, go + at, ORDER).fma(v, a0);
                            a1 = FloatVector.fromMemorySegment(SPECIES, g, go + plane + at, ORDER).fma(v, a1);
                            a2 = FloatVector.fromMemorySegment(SPECIES, g, go + 2 * plane + at, ORDER).fma(v, a2);
                            a3 = FloatVector.fromMemorySegment(SPECIES, g, go + 3 * plane + at, ORDER).fma(v, a3);
                        }
                    }
                    a0.intoArray(lanes, 0);
                    a1.intoArray(lanes, L);
                    a2.intoArray(lanes, 2 * L);
                    a3.intoArray(lanes, 3 * L);
                    for (int r = 0; r < 4; r++) {
                        gw[(o + r) * c + i] += VectorLoops.laneSum(lanes, r * L);
                    }
                }
            }
        }
        for (; o < to; o++) {
            for (int i = 0; i < c; i++) {
                for (int start = 0; start < l[0]; start += run) {
                    int end = Math.min(l[0], start + run);
                    FloatVector a0 = FloatVector.zero(SPECIES);
                    for (int n = start; n < end; n++) {
                        long base = (long) n * c * s;
                        long xi = (base + (long) i * s) * Float.BYTES;
                        long go = (base + (long) o * s) * Float.BYTES;
                        for (int j = 0; j < bound; j += L) {
                            long at = (long) j * Float.BYTES;
                            a0 = FloatVector.fromMemorySegment(SPECIES, g, go + at, ORDER)
                                    .fma(FloatVector.fromMemorySegment(SPECIES, x, xi + at, ORDER), a0);
                        }
                    }
                    a0.intoArray(lanes, 0);
                    gw[o * c + i] += VectorLoops.laneSum(lanes, 0);
                }
            }
        }
        weightGradientPositions(x, g, l, gw, from, to, bound, s);
    }

    /** float32, one scalar at a time into float64 sums: the weight gradient's reference, and its plane tails. */
    static void weightGradientScalar(MemorySegment x, MemorySegment g, int[] l, double[] gw) {
        weightGradientPositions(x, g, l, gw, 0, l[1], 0, l[2]);
    }

    private static void weightGradientPositions(MemorySegment x, MemorySegment g, int[] l, double[] gw, int from,
                                                int to, int fromPosition, int toPosition) {
        int c = l[1];
        int s = l[2];
        for (int o = from; o < to; o++) {
            for (int i = 0; i < c; i++) {
                double sum = 0;
                for (int n = 0; n < l[0]; n++) {
                    long base = (long) n * c * s;
                    for (int j = fromPosition; j < toPosition; j++) {
                        sum += (double) g.getAtIndex(F, base + (long) o * s + j)
                                * x.getAtIndex(F, base + (long) i * s + j);
                    }
                }
                gw[o * c + i] += sum;
            }
        }
    }

    /** float64, rows {@code o ∈ [from, to)} of the weight gradient as plain loops. */
    static void weightGradientDouble(MemorySegment x, MemorySegment g, int[] l, double[] gw, int from, int to) {
        int c = l[1];
        int s = l[2];
        for (int o = from; o < to; o++) {
            for (int i = 0; i < c; i++) {
                double sum = 0;
                for (int n = 0; n < l[0]; n++) {
                    long base = (long) n * c * s;
                    for (int j = 0; j < s; j++) {
                        sum += g.getAtIndex(D, base + (long) o * s + j) * x.getAtIndex(D, base + (long) i * s + j);
                    }
                }
                gw[o * c + i] += sum;
            }
        }
    }
}
