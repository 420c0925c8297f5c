package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link VectorGemm}'s product one element at a time: the float64 host path, and for float32 the scalar reference
 * that the vector loop equals bit for bit (each element one chain of fused multiply-adds over p in increasing order,
 * then c's own value when accumulating, the bias, the ReLU).
 */
final class ScalarGemm {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private ScalarGemm() {
    }

    /** float32: {@code c[i, j] = act(c₀ + Σ_p a[i·ai + p·ap]·y[p·ldy + j] + bias[j])}. */
    static void productFloat(MemorySegment c, int ldc, int m, int n, MemorySegment a, int ai, int ap, MemorySegment y,
                             int ldy, int p, boolean accumulate, float[] bias, boolean relu) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long at = (long) i * ldc + j;
                float s = 0f;
                for (int k = 0; k < p; k++) {
                    s = Math.fma(a.getAtIndex(F, (long) i * ai + (long) k * ap), y.getAtIndex(F, (long) k * ldy + j), s);
                }
                if (accumulate) {
                    s = c.getAtIndex(F, at) + s;
                }
                if (bias != null) {
                    s += bias[j];
                }
                c.setAtIndex(F, at, relu ? Math.max(s, 0f) : s);
            }
        }
    }

    /** float64: the same product. */
    static void productDouble(MemorySegment c, int ldc, int m, int n, MemorySegment a, int ai, int ap,
                              MemorySegment y, int ldy, int p, boolean accumulate, double[] bias, boolean relu) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long at = (long) i * ldc + j;
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s = Math.fma(a.getAtIndex(D, (long) i * ai + (long) k * ap), y.getAtIndex(D, (long) k * ldy + j), s);
                }
                if (accumulate) {
                    s = c.getAtIndex(D, at) + s;
                }
                if (bias != null) {
                    s += bias[j];
                }
                c.setAtIndex(D, at, relu ? Math.max(s, 0) : s);
            }
        }
    }

    /**
     * float32 {@link VectorGemm#productAlongRows} for vector width {@code lanes}: {@code part[(i·ldp + k)·lanes + l]}
     * continues its chain of fused multiply-adds over the samples, then the {@code j ≡ l (mod lanes)} terms, in
     * increasing order.
     */
    static void productAlongRowsFloat(MemorySegment part, int ldp, int m, int n, MemorySegment a, int lda,
                                      long aSample, MemorySegment b, int ldb, long bSample, int p, int samples,
                                      int lanes) {
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                long base = ((long) i * ldp + k) * lanes;
                for (int s = 0; s < samples; s++) {
                    for (int j = 0; j < p; j++) {
                        long at = base + j % lanes;
                        part.setAtIndex(F, at, Math.fma(a.getAtIndex(F, s * aSample + (long) i * lda + j),
                                b.getAtIndex(F, s * bSample + (long) k * ldb + j), part.getAtIndex(F, at)));
                    }
                }
            }
        }
    }

    /** float64 {@code c[i, k] = c₀ + Σ_{j<p} a[i·lda + j]·b[k·ldb + j]}, one chain over j in order. */
    static void productAlongRowsDouble(MemorySegment c, int ldc, int m, int n, MemorySegment a, int lda,
                                       MemorySegment b, int ldb, int p, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s = Math.fma(a.getAtIndex(D, (long) i * lda + j), b.getAtIndex(D, (long) k * ldb + j), s);
                }
                long at = (long) i * ldc + k;
                c.setAtIndex(D, at, accumulate ? c.getAtIndex(D, at) + s : s);
            }
        }
    }
}
