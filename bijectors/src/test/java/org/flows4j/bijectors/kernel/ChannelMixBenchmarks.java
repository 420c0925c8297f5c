package org.flows4j.bijectors.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of the channel mixing of Glow's invertible 1×1 convolutions ({@link ChannelMixing}), each against
 * the same loop one scalar at a time: the mixing {@code y = W·x} per pixel and the weight gradient. Shapes are the
 * three levels of Glow on 32 × 32 Fashion-MNIST at batch 64, {@code N,C,S}: 4 channels of 16 × 16, 8 of 8 × 8 and
 * 16 of 4 × 4. Run with {@code ./flows jmh ChannelMixBenchmarks}.
 */
public class ChannelMixBenchmarks extends KernelBenchmarkSettings {
    /** The array shape as {@code N,C,S}. */
    @Param({"64,4,256", "64,8,64", "64,16,16"})
    public String shape;

    private Arena arena;
    private MemorySegment x;
    private MemorySegment y;
    private MemorySegment g;
    private int[] layout;
    private float[] weight;
    private double[] gradWeight;

    /** Fills x, dL/dy and W with Gaussian noise once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split(",");
        layout = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        long length = (long) layout[0] * layout[1] * layout[2];
        arena = Arena.ofConfined();
        SplittableRandom r = new SplittableRandom(1);
        x = KernelTestArrays.gaussianFloats(arena, r, length);
        g = KernelTestArrays.gaussianFloats(arena, r, length);
        y = arena.allocate(length * Float.BYTES, 64);
        weight = new float[layout[1] * layout[1]];
        for (int k = 0; k < weight.length; k++) {
            weight[k] = (float) r.nextGaussian();
        }
        gradWeight = new double[weight.length];
    }

    /** Frees the native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** {@code y = W·x} per pixel, Vector API. */
    @Benchmark
    public MemorySegment mixVector() {
        ChannelMixing.mix(x, y, layout, weight, 0, layout[0]);
        return y;
    }

    /** {@code y = W·x} per pixel, one scalar at a time. */
    @Benchmark
    public MemorySegment mixScalar() {
        ChannelMixing.mixScalar(x, y, layout, weight);
        return y;
    }

    /** {@code dL/dW += Σ dL/dy·xᵀ}, Vector API. */
    @Benchmark
    public double[] weightGradientVector() {
        ChannelMixing.weightGradient(x, g, layout, gradWeight, 0, layout[1]);
        return gradWeight;
    }

    /** {@code dL/dW += Σ dL/dy·xᵀ}, one scalar at a time. */
    @Benchmark
    public double[] weightGradientScalar() {
        ChannelMixing.weightGradientScalar(x, g, layout, gradWeight);
        return gradWeight;
    }
}
