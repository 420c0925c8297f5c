package org.flows4j.bijectors.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of the float32 host kernels, each against the same loop written one scalar at a time
 * ({@link HostLoops}): if the JIT vectorises the Vector API code, the vector loop runs several times faster than the
 * scalar one on data that fits in cache, and no slower on data that does not. Shapes are Glow's: a level-1 hidden
 * activation {@code [64, 128, 16, 16]} (8 MiB) and a level-3 one {@code [64, 128, 4, 4]} (0.5 MiB); and the tabular
 * MLP's {@code [256, 128]}. Run with {@code ./flows jmh} (see docs/backends.md).
 */
public class KernelBenchmarks extends KernelBenchmarkSettings {
    /** The array shape as {@code N,C,S} (S = spatial positions per channel; 1 for tables). */
    @Param({"64,128,256", "64,128,16", "256,128,1"})
    public String shape;

    private Arena arena;
    private MemorySegment x;
    private MemorySegment y;
    private MemorySegment g;
    private MemorySegment gx;
    private int[] layout;
    private float[] scale;
    private float[] shift;
    private double[] sumG;
    private double[] sumGy;
    private long length;

    /** Fills the arrays with Gaussian noise once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split(",");
        layout = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        length = (long) layout[0] * layout[1] * layout[2];
        arena = Arena.ofConfined();
        x = arena.allocate(length * Float.BYTES, 64);
        y = arena.allocate(length * Float.BYTES, 64);
        g = arena.allocate(length * Float.BYTES, 64);
        gx = arena.allocate(length * Float.BYTES, 64);
        SplittableRandom r = new SplittableRandom(1);
        for (long k = 0; k < length; k++) {
            x.setAtIndex(ValueLayout.JAVA_FLOAT, k, (float) r.nextGaussian());
            g.setAtIndex(ValueLayout.JAVA_FLOAT, k, (float) r.nextGaussian());
        }
        scale = new float[layout[1]];
        shift = new float[layout[1]];
        for (int c = 0; c < layout[1]; c++) {
            scale[c] = (float) (1 + 0.1 * r.nextGaussian());
            shift[c] = (float) (0.1 * r.nextGaussian());
        }
        sumG = new double[layout[1]];
        sumGy = new double[layout[1]];
        HostLoops.channelAffineScalar(x, y, layout, scale, shift, true);
    }

    /** Frees the native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** ActNorm + ReLU forward, Vector API. */
    @Benchmark
    public MemorySegment channelAffineReluVector() {
        VectorLoops.channelAffine(x, y, layout, scale, shift, true);
        return y;
    }

    /** ActNorm + ReLU forward, one scalar at a time. */
    @Benchmark
    public MemorySegment channelAffineReluScalar() {
        HostLoops.channelAffineScalar(x, y, layout, scale, shift, true);
        return y;
    }

    /** ActNorm + ReLU backward with both per-channel sums, Vector API. */
    @Benchmark
    public double[] channelBackwardReluVector() {
        VectorLoops.channelBackward(y, g, gx, layout, scale, true, sumG, sumGy);
        return sumG;
    }

    /** ActNorm + ReLU backward with both per-channel sums, one scalar at a time. */
    @Benchmark
    public double[] channelBackwardReluScalar() {
        HostLoops.channelBackwardScalar(y, g, gx, layout, scale, true, sumG, sumGy);
        return sumG;
    }

    /** Per-channel sums, Vector API. */
    @Benchmark
    public double[] channelSumsVector() {
        VectorLoops.channelSums(x, layout, sumG);
        return sumG;
    }

    /** Per-channel sums, one scalar at a time. */
    @Benchmark
    public double[] channelSumsScalar() {
        HostLoops.channelSumsScalar(x, layout, sumG);
        return sumG;
    }

    /** ReLU backward in place, Vector API (on a copy of g, so every call does the same work). */
    @Benchmark
    public MemorySegment reluBackwardVector() {
        gx.copyFrom(g);
        VectorLoops.reluBackward(gx, y, length);
        return gx;
    }

    /** ReLU backward in place, one scalar at a time. */
    @Benchmark
    public MemorySegment reluBackwardScalar() {
        gx.copyFrom(g);
        HostLoops.reluBackwardScalar(gx, y, length);
        return gx;
    }
}
