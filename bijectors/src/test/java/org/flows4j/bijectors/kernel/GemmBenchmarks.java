package org.flows4j.bijectors.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the host path's float32 matrix product ({@link VectorGemm}) against the same product one scalar
 * at a time ({@link ScalarGemm}), on the tabular MLP's shapes {@code m,n,p} (a batch of 256 rows through
 * {@code 4 → 128 → 128 → 8}) and in the three orientations a dense layer uses: the forward product {@code A·W}, the
 * weight gradient {@code Aᵀ·G} and the input gradient {@code G·Wᵀ} (with Wᵀ given row-major). The right factor's rows
 * are padded to whole vectors, as {@link Products} lays them out.
 */
@Warmup(iterations = 6, time = 1)
public class GemmBenchmarks extends KernelBenchmarkSettings {
    /** {@code rows,in,out} of a dense layer. */
    @Param({"256,128,128", "256,4,128", "256,128,8"})
    public String layer;

    private Arena arena;
    private MemorySegment a;
    private MemorySegment w;
    private MemorySegment wt;
    private MemorySegment z;
    private MemorySegment g;
    private MemorySegment gw;
    private MemorySegment gx;
    private float[] bias;
    private int rows;
    private int in;
    private int out;


    /** Fills the operands with Gaussian noise once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = layer.split(",");
        rows = Integer.parseInt(parts[0]);
        in = Integer.parseInt(parts[1]);
        out = Integer.parseInt(parts[2]);
        arena = Arena.ofConfined();
        SplittableRandom r = new SplittableRandom(1);
        a = KernelTestArrays.gaussianFloats(arena, r, (long) rows * in);
        w = KernelTestArrays.gaussianFloats(arena, r, (long) in * VectorGemm.paddedWidth(out));
        wt = KernelTestArrays.gaussianFloats(arena, r, (long) out * VectorGemm.paddedWidth(in));
        g = KernelTestArrays.gaussianFloats(arena, r, (long) rows * VectorGemm.paddedWidth(out));
        z = KernelTestArrays.gaussianFloats(arena, r, (long) rows * out);
        gw = KernelTestArrays.gaussianFloats(arena, r, (long) in * out);
        gx = KernelTestArrays.gaussianFloats(arena, r, (long) rows * in);
        bias = new float[VectorGemm.paddedWidth(out)];
    }

    /** Frees the native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** {@code relu(A·W + b)}, Vector API. */
    @Benchmark
    public MemorySegment forwardVector() {
        VectorGemm.product(z, out, 0, rows, out, a, in, 1, w, VectorGemm.paddedWidth(out), in, false, bias, true);
        return z;
    }

    /** {@code relu(A·W + b)}, one scalar at a time. */
    @Benchmark
    public MemorySegment forwardScalar() {
        ScalarGemm.productFloat(z, out, rows, out, a, in, 1, w, VectorGemm.paddedWidth(out), in, false, bias, true);
        return z;
    }

    /** {@code dW += Aᵀ·G}, Vector API. */
    @Benchmark
    public MemorySegment weightGradientVector() {
        VectorGemm.product(gw, out, 0, in, out, a, 1, in, g, VectorGemm.paddedWidth(out), rows, true, null, false);
        return gw;
    }

    /** {@code dW += Aᵀ·G}, one scalar at a time. */
    @Benchmark
    public MemorySegment weightGradientScalar() {
        ScalarGemm.productFloat(gw, out, in, out, a, 1, in, g, VectorGemm.paddedWidth(out), rows, true, null, false);
        return gw;
    }

    /** {@code dX = G·Wᵀ}, Vector API. */
    @Benchmark
    public MemorySegment inputGradientVector() {
        VectorGemm.product(gx, in, 0, rows, in, g, out, 1, wt, VectorGemm.paddedWidth(in), out, false, null, false);
        return gx;
    }

    /** {@code dX = G·Wᵀ}, one scalar at a time. */
    @Benchmark
    public MemorySegment inputGradientScalar() {
        ScalarGemm.productFloat(gx, in, rows, in, g, out, 1, wt, VectorGemm.paddedWidth(in), out, false, null, false);
        return gx;
    }
}
