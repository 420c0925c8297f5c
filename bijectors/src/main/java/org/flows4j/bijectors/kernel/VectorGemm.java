package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 matrix product of the host path, written with the Java Vector API over the arrays' memory:
 * {@code c[i, j] = act(c₀ + Σ_p a(i, p)·y[p, j] + bias[j])} for {@code i < m}, {@code j < n}, with {@code c₀}
 * either c's own value (accumulate) or nothing, {@code a(i, p) = a[i·ai + p·ap]} (so a row-major A or its
 * transpose) and y row-major.
 *
 * <p>The sum is one chain of fused multiply-adds over p in increasing order, starting from 0, to which c₀ and then
 * the bias are added: the result does not depend on the vector width, on how rows and columns are blocked, or on
 * whether the loop ran compiled or interpreted, and equals {@link ScalarGemm}'s float32 loop bit for bit. Blocks of 4 rows × 4 vectors keep
 * 16 accumulators in registers; edges use 4 × 1 and 1 × 1 blocks. y's rows are padded to whole vectors, so
 * only the stores of a row's last columns are masked.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final long VECTOR_BYTES = (long) L * Float.BYTES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private VectorGemm() {
    }

    /** {@code n} rounded up to whole vectors: the row length y and the bias must have. */
    static int paddedWidth(int n) {
        return Math.toIntExact(((long) n + L - 1) / L * L);
    }

    /**
     * Rows {@code [from, to)} of the product described in the class comment ({@code from} a multiple of 4, so row
     * ranges computed apart give the whole product's values). y's rows and the bias (may be null) are readable up to
     * {@link #paddedWidth}{@code (n)}, so the inner loops load whole vectors; c is written under a mask past n.
     */
    static void product(MemorySegment c, int ldc, int from, int to, int n, MemorySegment a, int ai, int ap,
                        MemorySegment y, int ldy, int p, boolean accumulate, float[] bias, boolean relu) {
        int padded = paddedWidth(n);
        if (from % 4 != 0 || ldy < padded || y.byteSize() < ((long) (p - 1) * ldy + padded) * Float.BYTES
                || bias != null && bias.length < padded) {
            throw new IllegalArgumentException("VectorGemm: expected rows from a multiple of 4, y rows and bias "
                    + "padded to " + padded + " columns, got rows from " + from + ", ldy " + ldy + " and a bias of "
                    + (bias == null ? 0 : bias.length));
        }
        rows(c, ldc, from, to, n, a, ai, ap, y, ldy, p, accumulate, bias, relu);
    }

    /** Rows {@code [from, to)} of the product; {@code from} a multiple of 4. */
    private static void rows(MemorySegment c, int ldc, int from, int to, int n, MemorySegment a, int ai, int ap,
                             MemorySegment y, int ldy, int p, boolean accumulate, float[] bias, boolean relu) {
        int wide = n - n % (4 * L);
        float[] tile = new float[16 * L];
        int i = from;
        for (; i + 4 <= to; i += 4) {
            long a0 = (long) i * ai;
            for (int j = 0; j < wide; j += 4 * L) {
                block4x4(tile, c, ldc, i, j, a, a0, ai, ap, y, ldy, p, accumulate, bias, relu);
            }
            for (int j = wide; j < n; j += L) {
                block4x1(tile, c, ldc, n, i, j, a, a0, ai, ap, y, ldy, p, accumulate, bias, relu);
            }
        }
        for (; i < to; i++) {
            long a0 = (long) i * ai;
            for (int j = 0; j < n; j += L) {
                block1x1(tile, c, ldc, n, i, j, a, a0, ap, y, ldy, p, accumulate, bias, relu);
            }
        }
    }

    /**
     * Writes the sums of a block of {@code rows × vectors} vectors, held row by row in {@code tile}, to c at rows
     * {@code i…}, columns {@code j…} (those below n): c's own values added when accumulating, then the bias, then the
     * ReLU. Every vector is made and consumed in this method by the Vector API's calls, which the JIT always inlines:
     * a vector passed to or returned from a method it did not inline would be boxed, an allocation per call.
     */
    private static void epilogue(float[] tile, int rows, int vectors, MemorySegment c, int ldc, int n, int i, int j,
                                 boolean acc, float[] bias, boolean relu) {
        for (int r = 0; r < rows; r++) {
            long row = (long) (i + r) * ldc;
            for (int v = 0; v < vectors; v++) {
                int col = j + v * L;
                long at = (row + col) * Float.BYTES;
                FloatVector s = FloatVector.fromArray(SPECIES, tile, (vectors * r + v) * L);
                if (col + L <= n) {
                    if (acc) {
                        s = FloatVector.fromMemorySegment(SPECIES, c, at, ORDER).add(s);
                    }
                    if (bias != null) {
                        s = s.add(FloatVector.fromArray(SPECIES, bias, col));
                    }
                    if (relu) {
                        s = s.max(0f);
                    }
                    s.intoMemorySegment(c, at, ORDER);
                } else {
                    VectorMask<Float> mask = SPECIES.indexInRange(col, n);
                    if (acc) {
                        s = FloatVector.fromMemorySegment(SPECIES, c, at, ORDER, mask).add(s);
                    }
                    if (bias != null) {
                        s = s.add(FloatVector.fromArray(SPECIES, bias, col));
                    }
                    if (relu) {
                        s = s.max(0f);
                    }
                    s.intoMemorySegment(c, at, ORDER, mask);
                }
            }
        }
    }

    private static void block4x4(float[] tile, MemorySegment c, int ldc, int i, int j, MemorySegment a, long a0,
                                 int ai, int ap, MemorySegment y, int ldy, int p, boolean acc, float[] bias,
                                 boolean relu) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        long ak = a0;
        long yk = (long) j * Float.BYTES;
        long step = (long) ldy * Float.BYTES;
        for (int k = 0; k < p; k++, ak += ap, yk += step) {
            FloatVector y0 = FloatVector.fromMemorySegment(SPECIES, y, yk, ORDER);
            FloatVector y1 = FloatVector.fromMemorySegment(SPECIES, y, yk + VECTOR_BYTES, ORDER);
            FloatVector y2 = FloatVector.fromMemorySegment(SPECIES, y, yk + 2 * VECTOR_BYTES, ORDER);
            FloatVector y3 = FloatVector.fromMemorySegment(SPECIES, y, yk + 3 * VECTOR_BYTES, ORDER);
            FloatVector b = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak));
            c00 = b.fma(y0, c00);
            c01 = b.fma(y1, c01);
            c02 = b.fma(y2, c02);
            c03 = b.fma(y3, c03);
            b = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak + ai));
            c10 = b.fma(y0, c10);
            c11 = b.fma(y1, c11);
            c12 = b.fma(y2, c12);
            c13 = b.fma(y3, c13);
            b = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak + 2L * ai));
            c20 = b.fma(y0, c20);
            c21 = b.fma(y1, c21);
            c22 = b.fma(y2, c22);
            c23 = b.fma(y3, c23);
            b = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak + 3L * ai));
            c30 = b.fma(y0, c30);
            c31 = b.fma(y1, c31);
            c32 = b.fma(y2, c32);
            c33 = b.fma(y3, c33);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c03.intoArray(tile, 3 * L);
        c10.intoArray(tile, 4 * L);
        c11.intoArray(tile, 5 * L);
        c12.intoArray(tile, 6 * L);
        c13.intoArray(tile, 7 * L);
        c20.intoArray(tile, 8 * L);
        c21.intoArray(tile, 9 * L);
        c22.intoArray(tile, 10 * L);
        c23.intoArray(tile, 11 * L);
        c30.intoArray(tile, 12 * L);
        c31.intoArray(tile, 13 * L);
        c32.intoArray(tile, 14 * L);
        c33.intoArray(tile, 15 * L);
        epilogue(tile, 4, 4, c, ldc, j + 4 * L, i, j, acc, bias, relu);
    }

    private static void block4x1(float[] tile, MemorySegment c, int ldc, int n, int i, int j, MemorySegment a, long a0,
                                 int ai, int ap, MemorySegment y, int ldy, int p, boolean acc, float[] bias,
                                 boolean relu) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0;
        long ak = a0;
        long yk = (long) j * Float.BYTES;
        long step = (long) ldy * Float.BYTES;
        for (int k = 0; k < p; k++, ak += ap, yk += step) {
            FloatVector y0 = FloatVector.fromMemorySegment(SPECIES, y, yk, ORDER);
            c0 = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak)).fma(y0, c0);
            c1 = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak + ai)).fma(y0, c1);
            c2 = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak + 2L * ai)).fma(y0, c2);
            c3 = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak + 3L * ai)).fma(y0, c3);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        epilogue(tile, 4, 1, c, ldc, n, i, j, acc, bias, relu);
    }

    private static void block1x1(float[] tile, MemorySegment c, int ldc, int n, int i, int j, MemorySegment a, long a0,
                                 int ap, MemorySegment y, int ldy, int p, boolean acc, float[] bias, boolean relu) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        long ak = a0;
        long yk = (long) j * Float.BYTES;
        long step = (long) ldy * Float.BYTES;
        for (int k = 0; k < p; k++, ak += ap, yk += step) {
            FloatVector y0 = FloatVector.fromMemorySegment(SPECIES, y, yk, ORDER);
            c0 = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak)).fma(y0, c0);
        }
        c0.intoArray(tile, 0);
        epilogue(tile, 1, 1, c, ldc, n, i, j, acc, bias, relu);
    }
}
