package org.flows4j.bijectors.kernel;

import java.util.stream.IntStream;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of the couplings' element-wise kernels ({@link CouplingKernels}) on the host path against the ND4J
 * path (ND4J's gather op with the same positions), float32: Glow's level-1 coupling (channel split of
 * {@code [4, 16, 16]}, batch 64, {@code (x + t)·sigmoid(h + 2)}), and the tabular RealNVP's (half split of 8 features,
 * {@code x·exp(3·tanh(h/3)) + t}) at a training batch of 256 and a scoring batch of 8,192. Each call runs in an ND4J
 * workspace reused by the next, as in a training step or a scoring batch: fresh native arrays would cost more than
 * the kernels (a new 128 KiB array takes about 50 µs here). Run with {@code ./flows jmh CouplingKernelBenchmarks}
 * (see docs/backends.md).
 */
public class CouplingKernelBenchmarks extends KernelBenchmarkSettings {
    /** The coupling: {@code glow-64}, {@code table-256} or {@code table-8192}. */
    @Param({"glow-64", "table-256", "table-8192"})
    public String coupling;

    /** The kernel path: {@code HOST} or {@code ND4J}. */
    @Param({"HOST", "ND4J"})
    public String path;

    private CouplingLayout layout;
    private AffineMap map;
    private INDArray x;
    private INDArray h;
    private INDArray g;
    private INDArray gLogDet;
    private INDArray y;

    /** Builds the layout and fills the arrays with Gaussian noise once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Kernels.use(Kernels.Path.valueOf(path));
        int rows;
        if (coupling.startsWith("glow")) {
            long[] half = {2, 16, 16};
            layout = new CouplingLayout(new long[] {4, 16, 16}, IntStream.range(512, 1024).toArray(), true, half, half);
            map = AffineMap.shiftThenScale(CouplingScale.sigmoid());
        } else {
            layout = new CouplingLayout(new long[] {8}, new int[] {4, 5, 6, 7}, true, new long[] {4}, new long[] {4});
            map = AffineMap.scaleThenShift(CouplingScale.expTanh(3));
        }
        rows = Integer.parseInt(coupling.substring(coupling.indexOf('-') + 1));
        Nd4j.getRandom().setSeed(1);
        x = Nd4j.randn(DataType.FLOAT, withBatch(rows, layout.eventShape()));
        g = Nd4j.randn(DataType.FLOAT, x.shape());
        h = Nd4j.randn(DataType.FLOAT, layout.conditionerOutputShape(rows, 2));
        gLogDet = Nd4j.randn(DataType.FLOAT, rows);
        y = CouplingKernels.forward(x, h, layout, map).output();
    }

    private static long[] withBatch(long n, long[] event) {
        long[] s = new long[event.length + 1];
        s[0] = n;
        System.arraycopy(event, 0, s, 1, event.length);
        return s;
    }

    /** Restores the automatic path. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Kernels.use(null);
    }

    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder().initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

    private static <T> T inWorkspace(java.util.function.Supplier<T> call) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, "bench")) {
            return call.get();
        }
    }

    /** The map forward with its log-det. */
    @Benchmark
    public Transformed forward() {
        return inWorkspace(() -> CouplingKernels.forward(x, h, layout, map));
    }

    /** The map's backward pass: x, dL/dx and dL/dh. */
    @Benchmark
    public CouplingGradients backward() {
        return inWorkspace(() -> CouplingKernels.backward(y, g, h, gLogDet, layout, map));
    }

    /** The conditioner's input: the kept half, packed. */
    @Benchmark
    public INDArray conditionerInput() {
        return inWorkspace(() -> CouplingKernels.conditionerInput(x, layout));
    }
}
