package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The two paths of {@link Kernels#product}: on the host, {@link VectorGemm} for float32 and {@link ScalarGemm} for
 * float64 over the arrays' memory (the loops read the right factor by rows, so a transposed one is first copied
 * transposed into a scratch array); on ND4J, its {@code matmul} op or {@code gemm}, then the bias and ReLU.
 */
final class Products {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private Products() {
    }

    /** {@code c = act([c] + op(a)·op(b) + bias)} over host memory; {@code c} c-contiguous, a and b any layout. */
    static void host(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, boolean accumulate,
                     double[] bias, boolean relu) {
        INDArray ac = ArrayMemory.contiguous(a);
        INDArray bc = ArrayMemory.contiguous(b);
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int p = (int) (transposeA ? a.size(0) : a.size(1));
        // a(i, k) = a[i·ai + k·ap]: row-major a, or row-major aᵀ read by columns.
        int ai = transposeA ? 1 : p;
        int ap = transposeA ? m : 1;
        MemorySegment as = ArrayMemory.of(ac).segment();
        MemorySegment bs = ArrayMemory.of(bc).segment();
        MemorySegment cs = ArrayMemory.of(c).segment();
        if (c.dataType() == DataType.FLOAT) {
            floatProduct(cs, m, n, as, ai, ap, bs, transposeB, p, accumulate, bias, relu);
        } else {
            MemorySegment ys = transposeB ? MemorySegment.ofArray(transposedDoubles(bs, n, p)) : bs;
            ScalarGemm.productDouble(cs, n, m, n, as, ai, ap, ys, n, p, accumulate, bias, relu);
        }
        java.lang.ref.Reference.reachabilityFence(new Object[] {ac, bc, c});
    }

    /**
     * float32 through {@link VectorGemm}, c written in place. The right factor is always copied by rows (transposed
     * when asked) into this thread's native scratch, its rows padded to whole vectors: the loops then load whole
     * vectors, and every operand lies in native memory, which keeps the JIT's compiled loops free of type checks.
     */
    private static void floatProduct(MemorySegment c, int m, int n, MemorySegment a, int ai, int ap, MemorySegment b,
                                     boolean transposeB, int p, boolean accumulate, double[] bias, boolean relu) {
        int w = VectorGemm.paddedWidth(n);
        MemorySegment y = Scratch.floats((long) p * w);
        if (transposeB) {
            // b is [n, p]: y[k, j] = b[j, k]
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < p; k++) {
                    y.setAtIndex(F, (long) k * w + j, b.getAtIndex(F, (long) j * p + k));
                }
            }
        } else if (w == n) {
            MemorySegment.copy(b, 0, y, 0, (long) p * n * Float.BYTES);
        } else {
            for (int k = 0; k < p; k++) {
                MemorySegment.copy(b, (long) k * n * Float.BYTES, y, (long) k * w * Float.BYTES, (long) n * Float.BYTES);
            }
        }
        float[] padded = bias == null ? null : java.util.Arrays.copyOf(HostLoops.floats(bias, 0f, n), w);
        int parts = ProductThreads.parts(m, n, p);
        if (parts == 1) {
            VectorGemm.product(c, n, 0, m, n, a, ai, ap, y, w, p, accumulate, padded, relu);
            return;
        }
        MemorySegment rows = y;
        ProductThreads.run(parts, m, (from, to) -> VectorGemm.product(c, n, from, to, n, a, ai, ap, rows, w, p,
                accumulate, padded, relu));
    }

    /** The row-major {@code [cols, rows]} transpose of a row-major float64 {@code [rows, cols]} matrix. */
    static double[] transposedDoubles(MemorySegment x, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                t[k * rows + r] = x.getAtIndex(D, (long) r * cols + k);
            }
        }
        return t;
    }

    /** The same product from ND4J's ops. */
    static void nd4j(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, boolean accumulate,
                     double[] bias, boolean relu) {
        if (!transposeA && !transposeB && !accumulate) {
            Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c).build());
        } else {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, accumulate ? 1.0 : 0.0);
        }
        if (bias != null) {
            Nd4jOps.channelAffine(c, c, null, bias, relu);
        } else if (relu) {
            Transforms.relu(c, false);
        }
    }
}
