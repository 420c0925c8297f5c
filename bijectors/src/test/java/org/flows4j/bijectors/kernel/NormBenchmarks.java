package org.flows4j.bijectors.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of the gradient's L2 norm ({@link Kernels#norm2}) over the parameter counts of the tabular benchmark's
 * RealNVP (145,472) and Glow at K = 8 (about 0.8 M), float32: the host path's Vector API loop (float64 sums of eight
 * lanes), the same sums one value at a time, and ND4J's {@code norm2} (one OpenMP thread, as under the tool's thread
 * policy). Run with {@code ./flows jmh NormBenchmarks} (see docs/backends.md).
 */
public class NormBenchmarks extends KernelBenchmarkSettings {
    /** Values in the gradient. */
    @Param({"145472", "813056"})
    public int count;

    private Arena arena;
    private MemorySegment g;
    private INDArray ga;

    /** Fills the gradient with Gaussian noise once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        nd4jOnOneThread();
        arena = Arena.ofConfined();
        g = KernelTestArrays.gaussianFloats(arena, new SplittableRandom(1), count);
        ga = Nd4j.randn(DataType.FLOAT, count);
    }

    /** Frees the native array. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** Eight float64 partial sums, eight floats at a time. */
    @Benchmark
    public double vector() {
        double[] partial = new double[8];
        VectorLoops.sumOfSquares(g, count, partial);
        return partial[0] + partial[7];
    }

    /** The same sums one value at a time. */
    @Benchmark
    public double scalar() {
        return HostLoops.sumOfSquaresScalar(g, count);
    }

    /** ND4J's op. */
    @Benchmark
    public double nd4j() {
        return ga.norm2Number().doubleValue();
    }
}
