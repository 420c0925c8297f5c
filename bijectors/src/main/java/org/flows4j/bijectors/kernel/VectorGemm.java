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
 * 16 accumulators in registers; edges use 4 × 1, 1 × 4 and 1 × 1 blocks. y's rows are padded to whole vectors, so
 * only the stores of a row's last columns are masked.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final long VECTOR_BYTES = (long) L * Float.BYTES;
    /**
     * Each thread's array through which a register block's sums leave for the epilogue: allocated per call, it was a
     * convolution step's largest source of garbage (a product per sample and tap).
     */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[16 * L]);
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
        float[] tile = TILE.get();
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
            int j = 0;
            for (; j < wide; j += 4 * L) {
                block1x4(tile, c, ldc, i, j, a, a0, ap, y, ldy, p, accumulate, bias, relu);
            }
            for (; j < n; j += L) {
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

    private static void block1x4(float[] tile, MemorySegment c, int ldc, int i, int j, MemorySegment a, long a0,
                                 int ap, MemorySegment y, int ldy, int p, boolean acc, float[] bias, boolean relu) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0;
        long ak = a0;
        long yk = (long) j * Float.BYTES;
        long step = (long) ldy * Float.BYTES;
        for (int k = 0; k < p; k++, ak += ap, yk += step) {
            FloatVector b = FloatVector.broadcast(SPECIES, a.getAtIndex(F, ak));
            c0 = b.fma(FloatVector.fromMemorySegment(SPECIES, y, yk, ORDER), c0);
            c1 = b.fma(FloatVector.fromMemorySegment(SPECIES, y, yk + VECTOR_BYTES, ORDER), c1);
            c2 = b.fma(FloatVector.fromMemorySegment(SPECIES, y, yk + 2 * VECTOR_BYTES, ORDER), c2);
            c3 = b.fma(FloatVector.fromMemorySegment(SPECIES, y, yk + 3 * VECTOR_BYTES, ORDER), c3);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        epilogue(tile, 1, 4, c, ldc, j + 4 * L, i, j, acc, bias, relu);
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
    /**
     * The product of two row-major factors along their rows, summed over a run of samples and kept as per-lane
     * partial sums: for {@code i < m}, {@code k < n} and lane l, {@code part[(i·ldp + k)·L + l] +=
     * Σ_{s < samples} Σ_{j ≡ l (mod L), j < p} a[s·aSample + i·lda + j]·b[s·bSample + k·ldb + j]} — a convolution's
     * weight gradient, whose two factors both run along the positions j. Each partial sum is one chain of fused
     * multiply-adds over s, then j, in increasing order, continuing from its stored value, so that successive runs of
     * samples extend the same chains; {@link #addLaneSums} then adds each value's lanes up. A run's samples stay in
     * the cache while every block of values reads them, and the partial sums are loaded and stored once per run. p
     * is a whole number of vectors, so no load is masked: the caller makes one factor zero at the positions past its
     * data (a convolution's gradient grid) and the other finite there, so that those terms add nothing. Equals
     * {@link ScalarGemm#productAlongRowsFloat} with the same L bit for bit. Blocks of 4 × 4 keep 16 chains in
     * registers, 1 × 4 blocks serve a thin a, 1 × 1 the rest.
     */
    static void productAlongRows(MemorySegment part, int ldp, int m, int n, MemorySegment a, int lda, long aSample,
                                 MemorySegment b, int ldb, long bSample, int p, int samples) {
        if (p % L != 0) {
            throw new IllegalArgumentException("VectorGemm.productAlongRows: expected rows of whole " + L
                    + "-lane vectors, got " + p);
        }
        Rows r = new Rows(part, ldp, a, lda, aSample * Float.BYTES, b, ldb, bSample * Float.BYTES,
                (long) p * Float.BYTES, samples);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int k = 0;
            for (; k + 4 <= n; k += 4) {
                dots4x4(r, i, k);
            }
            for (; k < n; k++) {
                for (int q = 0; q < 4; q++) {
                    dots1x1(r, i + q, k);
                }
            }
        }
        for (; i < m; i++) {
            int k = 0;
            for (; k + 4 <= n; k += 4) {
                dots1x4(r, i, k);
            }
            for (; k < n; k++) {
                dots1x1(r, i, k);
            }
        }
    }

    /** {@code c[i·ldc + k] += Σ_l part[(i·ldp + k)·L + l]}, the lanes added in order into a float from 0. */
    static void addLaneSums(MemorySegment part, int ldp, int m, int n, MemorySegment c, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                long base = ((long) i * ldp + k) * L;
                float sum = 0f;
                for (int l = 0; l < L; l++) {
                    sum += part.getAtIndex(F, base + l);
                }
                long at = (long) i * ldc + k;
                c.setAtIndex(F, at, c.getAtIndex(F, at) + sum);
            }
        }
    }

    /** The operands of {@link #productAlongRows}, strides and lengths in bytes where named so. */
    private record Rows(MemorySegment part, int ldp, MemorySegment a, int lda, long aSampleBytes, MemorySegment b,
                        int ldb, long bSampleBytes, long rowBytes, int samples) {
        long aRow(int i) {
            return (long) i * lda * Float.BYTES;
        }

        long bRow(int k) {
            return (long) k * ldb * Float.BYTES;
        }

        /** Byte offset of the partial sums of value (i, k). */
        long partAt(int i, int k) {
            return ((long) i * ldp + k) * VECTOR_BYTES;
        }
    }

    private static void dots4x4(Rows r, int i, int k) {
        MemorySegment part = r.part();
        long r0 = r.partAt(i, k);
        long r1 = r.partAt(i + 1, k);
        long r2 = r.partAt(i + 2, k);
        long r3 = r.partAt(i + 3, k);
        FloatVector c00 = FloatVector.fromMemorySegment(SPECIES, part, r0, ORDER);
        FloatVector c01 = FloatVector.fromMemorySegment(SPECIES, part, r0 + VECTOR_BYTES, ORDER);
        FloatVector c02 = FloatVector.fromMemorySegment(SPECIES, part, r0 + 2 * VECTOR_BYTES, ORDER);
        FloatVector c03 = FloatVector.fromMemorySegment(SPECIES, part, r0 + 3 * VECTOR_BYTES, ORDER);
        FloatVector c10 = FloatVector.fromMemorySegment(SPECIES, part, r1, ORDER);
        FloatVector c11 = FloatVector.fromMemorySegment(SPECIES, part, r1 + VECTOR_BYTES, ORDER);
        FloatVector c12 = FloatVector.fromMemorySegment(SPECIES, part, r1 + 2 * VECTOR_BYTES, ORDER);
        FloatVector c13 = FloatVector.fromMemorySegment(SPECIES, part, r1 + 3 * VECTOR_BYTES, ORDER);
        FloatVector c20 = FloatVector.fromMemorySegment(SPECIES, part, r2, ORDER);
        FloatVector c21 = FloatVector.fromMemorySegment(SPECIES, part, r2 + VECTOR_BYTES, ORDER);
        FloatVector c22 = FloatVector.fromMemorySegment(SPECIES, part, r2 + 2 * VECTOR_BYTES, ORDER);
        FloatVector c23 = FloatVector.fromMemorySegment(SPECIES, part, r2 + 3 * VECTOR_BYTES, ORDER);
        FloatVector c30 = FloatVector.fromMemorySegment(SPECIES, part, r3, ORDER);
        FloatVector c31 = FloatVector.fromMemorySegment(SPECIES, part, r3 + VECTOR_BYTES, ORDER);
        FloatVector c32 = FloatVector.fromMemorySegment(SPECIES, part, r3 + 2 * VECTOR_BYTES, ORDER);
        FloatVector c33 = FloatVector.fromMemorySegment(SPECIES, part, r3 + 3 * VECTOR_BYTES, ORDER);
        MemorySegment a = r.a();
        MemorySegment b = r.b();
        long la = (long) r.lda() * Float.BYTES;
        long lb = (long) r.ldb() * Float.BYTES;
        for (int s = 0; s < r.samples(); s++) {
            long a0 = s * r.aSampleBytes() + r.aRow(i);
            long b0 = s * r.bSampleBytes() + r.bRow(k);
            for (long o = 0; o < r.rowBytes(); o += VECTOR_BYTES) {
                FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, a, a0 + o, ORDER);
                FloatVector x1 = FloatVector.fromMemorySegment(SPECIES, a, a0 + la + o, ORDER);
                FloatVector x2 = FloatVector.fromMemorySegment(SPECIES, a, a0 + 2 * la + o, ORDER);
                FloatVector x3 = FloatVector.fromMemorySegment(SPECIES, a, a0 + 3 * la + o, ORDER);
                FloatVector y = FloatVector.fromMemorySegment(SPECIES, b, b0 + o, ORDER);
                c00 = x0.fma(y, c00);
                c10 = x1.fma(y, c10);
                c20 = x2.fma(y, c20);
                c30 = x3.fma(y, c30);
                y = FloatVector.fromMemorySegment(SPECIES, b, b0 + lb + o, ORDER);
                c01 = x0.fma(y, c01);
                c11 = x1.fma(y, c11);
                c21 = x2.fma(y, c21);
                c31 = x3.fma(y, c31);
                y = FloatVector.fromMemorySegment(SPECIES, b, b0 + 2 * lb + o, ORDER);
                c02 = x0.fma(y, c02);
                c12 = x1.fma(y, c12);
                c22 = x2.fma(y, c22);
                c32 = x3.fma(y, c32);
                y = FloatVector.fromMemorySegment(SPECIES, b, b0 + 3 * lb + o, ORDER);
                c03 = x0.fma(y, c03);
                c13 = x1.fma(y, c13);
                c23 = x2.fma(y, c23);
                c33 = x3.fma(y, c33);
            }
        }
        c00.intoMemorySegment(part, r0, ORDER);
        c01.intoMemorySegment(part, r0 + VECTOR_BYTES, ORDER);
        c02.intoMemorySegment(part, r0 + 2 * VECTOR_BYTES, ORDER);
        c03.intoMemorySegment(part, r0 + 3 * VECTOR_BYTES, ORDER);
        c10.intoMemorySegment(part, r1, ORDER);
        c11.intoMemorySegment(part, r1 + VECTOR_BYTES, ORDER);
        c12.intoMemorySegment(part, r1 + 2 * VECTOR_BYTES, ORDER);
        c13.intoMemorySegment(part, r1 + 3 * VECTOR_BYTES, ORDER);
        c20.intoMemorySegment(part, r2, ORDER);
        c21.intoMemorySegment(part, r2 + VECTOR_BYTES, ORDER);
        c22.intoMemorySegment(part, r2 + 2 * VECTOR_BYTES, ORDER);
        c23.intoMemorySegment(part, r2 + 3 * VECTOR_BYTES, ORDER);
        c30.intoMemorySegment(part, r3, ORDER);
        c31.intoMemorySegment(part, r3 + VECTOR_BYTES, ORDER);
        c32.intoMemorySegment(part, r3 + 2 * VECTOR_BYTES, ORDER);
        c33.intoMemorySegment(part, r3 + 3 * VECTOR_BYTES, ORDER);
    }

    private static void dots1x4(Rows r, int i, int k) {
        MemorySegment part = r.part();
        long r0 = r.partAt(i, k);
        FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, part, r0, ORDER);
        FloatVector c1 = FloatVector.fromMemorySegment(SPECIES, part, r0 + VECTOR_BYTES, ORDER);
        FloatVector c2 = FloatVector.fromMemorySegment(SPECIES, part, r0 + 2 * VECTOR_BYTES, ORDER);
        FloatVector c3 = FloatVector.fromMemorySegment(SPECIES, part, r0 + 3 * VECTOR_BYTES, ORDER);
        MemorySegment a = r.a();
        MemorySegment b = r.b();
        long lb = (long) r.ldb() * Float.BYTES;
        for (int s = 0; s < r.samples(); s++) {
            long a0 = s * r.aSampleBytes() + r.aRow(i);
            long b0 = s * r.bSampleBytes() + r.bRow(k);
            for (long o = 0; o < r.rowBytes(); o += VECTOR_BYTES) {
                FloatVector x = FloatVector.fromMemorySegment(SPECIES, a, a0 + o, ORDER);
                c0 = x.fma(FloatVector.fromMemorySegment(SPECIES, b, b0 + o, ORDER), c0);
                c1 = x.fma(FloatVector.fromMemorySegment(SPECIES, b, b0 + lb + o, ORDER), c1);
                c2 = x.fma(FloatVector.fromMemorySegment(SPECIES, b, b0 + 2 * lb + o, ORDER), c2);
                c3 = x.fma(FloatVector.fromMemorySegment(SPECIES, b, b0 + 3 * lb + o, ORDER), c3);
            }
        }
        c0.intoMemorySegment(part, r0, ORDER);
        c1.intoMemorySegment(part, r0 + VECTOR_BYTES, ORDER);
        c2.intoMemorySegment(part, r0 + 2 * VECTOR_BYTES, ORDER);
        c3.intoMemorySegment(part, r0 + 3 * VECTOR_BYTES, ORDER);
    }

    private static void dots1x1(Rows r, int i, int k) {
        MemorySegment part = r.part();
        long r0 = r.partAt(i, k);
        FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, part, r0, ORDER);
        MemorySegment a = r.a();
        MemorySegment b = r.b();
        for (int s = 0; s < r.samples(); s++) {
            long a0 = s * r.aSampleBytes() + r.aRow(i);
            long b0 = s * r.bSampleBytes() + r.bRow(k);
            for (long o = 0; o < r.rowBytes(); o += VECTOR_BYTES) {
                c0 = FloatVector.fromMemorySegment(SPECIES, a, a0 + o, ORDER).fma(
                        FloatVector.fromMemorySegment(SPECIES, b, b0 + o, ORDER), c0);
            }
        }
        c0.intoMemorySegment(part, r0, ORDER);
    }

    /** The vector width L, on which {@link #productAlongRows}' rounding depends. */
    static int lanes() {
        return L;
    }
}
