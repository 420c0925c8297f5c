package org.flows4j.bijectors.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * JMH benchmarks of one float32 Adam step ({@link Kernels#adamStep}) on the parameter counts of the tabular benchmark's
 * RealNVP (145,472) and Glow at K = 8 (about 0.8 M): the host path's fused Vector API pass, the same arithmetic one
 * scalar at a time, and ND4J's {@code adam_updater} op followed by {@code w −= update} (ND4J on one OpenMP thread, as
 * under the tool's thread policy). Run with {@code ./flows jmh AdamBenchmarks} (see docs/backends.md).
 */
public class AdamBenchmarks extends KernelBenchmarkSettings {
    /** Parameters per step. */
    @Param({"145472", "813056"})
    public int count;

    private Arena arena;
    private MemorySegment w;
    private MemorySegment g;
    private MemorySegment m;
    private MemorySegment v;
    private INDArray wa;
    private INDArray ga;
    private INDArray ma;
    private INDArray va;
    private int iteration;

    /** Fills parameters and gradient with Gaussian noise once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        nd4jOnOneThread();
        arena = Arena.ofConfined();
        SplittableRandom r = new SplittableRandom(1);
        w = KernelTestArrays.gaussianFloats(arena, r, count);
        g = KernelTestArrays.gaussianFloats(arena, r, count);
        m = arena.allocate((long) count * Float.BYTES, 64);
        v = arena.allocate((long) count * Float.BYTES, 64);
        wa = Nd4j.randn(DataType.FLOAT, count);
        ga = Nd4j.randn(DataType.FLOAT, count);
        ma = Nd4j.zeros(DataType.FLOAT, count);
        va = Nd4j.zeros(DataType.FLOAT, count);
    }

    /** Frees the native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** The fused pass, a vector of lanes at a time. */
    @Benchmark
    public MemorySegment vector() {
        float step = AdamLoops.stepSizeFloat(1e-3, 0.9, 0.999, 1e-8, iteration++ % 1000);
        AdamLoops.stepFloat(w, g, m, v, 0, count, 0.9f, 0.999f, step, 1e-8f);
        return w;
    }

    /** The same arithmetic one value at a time. */
    @Benchmark
    public MemorySegment scalar() {
        float step = AdamLoops.stepSizeFloat(1e-3, 0.9, 0.999, 1e-8, iteration++ % 1000);
        float c1 = 1 - 0.9f;
        float c2 = 1 - 0.999f;
        ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT_UNALIGNED;
        for (long i = 0; i < count; i++) {
            float gi = g.getAtIndex(f, i);
            float mi = Math.fma(0.9f, m.getAtIndex(f, i), gi * c1);
            float vi = Math.fma(0.999f, v.getAtIndex(f, i), gi * gi * c2);
            m.setAtIndex(f, i, mi);
            v.setAtIndex(f, i, vi);
            w.setAtIndex(f, i, w.getAtIndex(f, i) - mi * step / ((float) Math.sqrt(vi) + 1e-8f));
        }
        return w;
    }

    /** ND4J's op, which writes the update over the gradient, and the subtraction. */
    @Benchmark
    public INDArray nd4j() {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(ga, va, ma, 1e-3, 0.9, 0.999, 1e-8,
                iteration++ % 1000));
        return wa.subi(ga);
    }
}
