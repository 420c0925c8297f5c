package org.flows4j.bijectors.kernel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every kernel benchmark shares, inherited by its subclasses (which may override one, as the
 * products do with more warm-up): per-thread state, average time per call in µs, one fork with the Vector API module,
 * 3 warm-up and 5 measured iterations of 1 s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public abstract class KernelBenchmarkSettings {
    /** Starts ND4J with its ops on one OpenMP thread, as under the tool's thread policy (docs/backends.md, "Threads"). */
    protected static void nd4jOnOneThread() {
        org.nd4j.linalg.factory.Nd4j.getExecutioner();
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }
}
