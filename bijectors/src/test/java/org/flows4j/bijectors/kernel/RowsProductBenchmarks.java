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
 * JMH benchmarks of a convolution's weight-gradient loop ({@link VectorGemm#productAlongRows}) against the same loop
 * one scalar at a time ({@link ScalarGemm#productAlongRowsFloat}), for one kernel tap over 8 samples of Glow's
 * level-1 layers {@code C_in,C_out,J}: the hidden 1 × 1 convolution (128 → 128 over 16 × 16 positions), the output
 * 3 × 3 convolution (128 → 4 over the 16 × 18 padded grid) and the input 3 × 3 convolution (2 → 128).
 */
@Warmup(iterations = 6, time = 1)
public class RowsProductBenchmarks extends KernelBenchmarkSettings {
    private static final int SAMPLES = 8;

    /** {@code C_in,C_out,J}: the factors' rows and the positions they run along. */
    @Param({"128,128,256", "128,4,288", "2,128,288"})
    public String layer;

    private Arena arena;
    private MemorySegment x;
    private MemorySegment g;
    private MemorySegment part;
    private int in;
    private int out;
    private int positions;


    /** Fills the factors with Gaussian noise once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = layer.split(",");
        in = Integer.parseInt(parts[0]);
        out = Integer.parseInt(parts[1]);
        positions = VectorGemm.paddedWidth(Integer.parseInt(parts[2]));
        arena = Arena.ofConfined();
        SplittableRandom r = new SplittableRandom(1);
        x = KernelTestArrays.gaussianFloats(arena, r, (long) SAMPLES * in * positions);
        g = KernelTestArrays.gaussianFloats(arena, r, (long) SAMPLES * out * positions);
        part = arena.allocate((long) in * out * VectorGemm.lanes() * Float.BYTES, 64);
    }

    /** Frees the native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** The per-lane partial sums of {@code Σ_s X_s·G_sᵀ}, Vector API. */
    @Benchmark
    public MemorySegment rowsVector() {
        VectorGemm.productAlongRows(part, out, in, out, x, positions, (long) in * positions, g, positions,
                (long) out * positions, positions, SAMPLES);
        return part;
    }

    /** The same sums one scalar at a time. */
    @Benchmark
    public MemorySegment rowsScalar() {
        ScalarGemm.productAlongRowsFloat(part, out, in, out, x, positions, (long) in * positions, g, positions,
                (long) out * positions, positions, SAMPLES, VectorGemm.lanes());
        return part;
    }
}
