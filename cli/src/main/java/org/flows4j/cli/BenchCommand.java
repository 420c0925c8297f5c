package org.flows4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.cli.bench.GlowBenchmark;
import org.flows4j.cli.bench.MachinePeak;
import org.flows4j.cli.bench.StepFlops;
import org.flows4j.cli.bench.Warmup;
import org.flows4j.core.Flow;
import org.flows4j.core.MemoryRegime;
import org.flows4j.data.GaussianMixture;
import org.flows4j.training.BackendReport;
import org.flows4j.training.OptimizerStep;
import org.flows4j.training.TabularModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Throughput benchmarks: one training step of a tabular flow (rows/s), scoring (rows/s), a Glow training step
 * (images/s), and Glow's convolutions forward and backward (ms, the kernel layer's host path against its ND4J path),
 * each timed after a warm-up and reported as the median of repeated runs.
 */
@Command(name = "bench", description = "Measure training and scoring throughput (rows/s) and conv2d speed.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", defaultValue = "train",
            description = "train | conv2d (Glow's convolutions, ND4J's ops against the kernel layer's) | glow "
                    + "(default: ${DEFAULT-VALUE})")
    String what;

    @Option(names = "--ks", split = ",", defaultValue = "8,16,32",
            description = "glow: steps per level to measure (default: ${DEFAULT-VALUE})")
    List<Integer> ks;

    @Option(names = "--memory", split = ",", defaultValue = "LEAN,FAST",
            description = "glow: memory regimes to measure, in order (default: ${DEFAULT-VALUE}); the fast regime's "
                    + "workspaces stay allocated, so for a clean peak RSS of each measure one per process")
    List<MemoryRegime> regimes;

    @Option(names = "--glow-batch", defaultValue = "64", description = "glow: images per step (default: ${DEFAULT-VALUE})")
    int glowBatch;

    @Option(names = "--iterations", defaultValue = "5", description = "glow: timed steps per K (default: ${DEFAULT-VALUE})")
    int iterations;

    @Mixin
    ImageDataOptions images;

    @Spec
    CommandSpec command;

    @Option(names = "--dim", defaultValue = "8", description = "features (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--layers", defaultValue = "8", description = "coupling layers (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--batch", defaultValue = "256", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "400", description = "timed steps per repeat (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--score-batches", split = ",", defaultValue = "8192",
            description = "train: scoring batch sizes to measure (default: ${DEFAULT-VALUE})")
    List<Integer> scoreBatches;

    @Option(names = "--score-passes", defaultValue = "21",
            description = "train: timed scoring passes over 50,000 rows per batch size (default: ${DEFAULT-VALUE})")
    int scorePasses;

    @Override
    public Integer call() {
        if (!List.of("train", "conv2d", "glow").contains(what)) {
            throw new IllegalArgumentException("bench what? 'train', 'conv2d' or 'glow', got '" + what + "'");
        }
        OptionRules rules = new OptionRules(command);
        rules.onlyWith(what.equals("glow"), "bench glow", "bench " + what, "--ks", "--memory", "--glow-batch",
                "--iterations", "--data", "--size");
        rules.onlyWith(what.equals("train"), "bench train", "bench " + what, "--dim", "--layers", "--batch", "--steps",
                "--score-batches", "--score-passes");
        rules.onlyWith(false, "train-images", "bench (it measures 8-bit images)", "--n-bits");
        images.check();
        OptionRules.atLeastOne("--glow-batch", glowBatch);
        OptionRules.atLeastOne("--iterations", iterations);
        OptionRules.atLeastOne("--dim", dim);
        OptionRules.atLeastOne("--layers", layers);
        OptionRules.atLeastOne("--batch", batch);
        OptionRules.atLeastOne("--steps", steps);
        OptionRules.atLeastOne("--score-passes", scorePasses);
        ks.forEach(k -> OptionRules.atLeastOne("--ks", k));
        scoreBatches.forEach(b -> OptionRules.atLeastOne("--score-batches", b));
        double peak = 0;
        if (!"conv2d".equals(what)) {
            peak = peak(); // with ND4J's default threads: the machine's peak, not the policy's
            ThreadPolicy.apply();
        }
        System.out.println(BackendReport.current().oneLine());
        switch (what) {
            case "train" -> train(peak);
            case "conv2d" -> conv2d();
            default -> glow(peak);
        }
        return 0;
    }

    /** Measures and prints the machine's peak ({@link MachinePeak}), the reference for every GFLOP/s share. */
    private static double peak() {
        double peak = MachinePeak.gflops();
        System.out.printf("machine peak: %.0f GFLOP/s (one %d² float32 gemm, median of 5); FLOPs counted from the layer "
                + "shapes, a training step as 3 forward passes%n", peak, MachinePeak.SIDE);
        return peak;
    }

    private void train(double peak) {
        INDArray data = GaussianMixture.random(dim, 8, 3.0, 1).sample(50_000, 2).values(DataType.FLOAT);
        Flow flow = new TabularModel(TabularModel.Kind.REALNVP, layers, List.of(128, 128), 0).build(data);
        OptimizerStep optimizer = new OptimizerStep(flow, new Adam(1e-3), null, 0, MemoryRegime.FAST);
        INDArray x = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, batch));
        int[] iteration = {0};
        Runnable repeat = () -> {
            for (int s = 0; s < steps; s++) {
                optimizer.step(x, iteration[0]++, 0);
            }
        };
        Warmup.Result warmup = Warmup.run(1, MAX_WARMUP_REPEATS, r -> repeat.run());
        double[] stepRates = new double[5];
        for (int rep = 0; rep < stepRates.length; rep++) {
            long t0 = System.nanoTime();
            repeat.run();
            stepRates[rep] = (double) steps * batch / ((System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("RealNVP %d couplings, MLP 2x128, D=%d, batch %d, %d parameters, fast memory regime; %s%n",
                layers, dim, batch, optimizer.parameters().size(), warmup.describe("repeats"));
        double forward = StepFlops.mlpForwardPerRow(flow.bijector());
        double trainGflops = StepFlops.trainingStep(forward) * median(stepRates) / 1e9;
        System.out.printf("training: %.0f rows/s (median of %d repeats of %d steps; %.2f ms/step), %.1f GFLOP/s "
                + "(%.1f %% of peak)%n", median(stepRates), stepRates.length, steps, 1000.0 * batch / median(stepRates),
                trainGflops, 100 * trainGflops / peak);
        for (int scoreBatch : scoreBatches) {
            double[] scoreRates = new double[scorePasses];
            for (int rep = -3; rep < scoreRates.length; rep++) {
                long t0 = System.nanoTime();
                flow.logProbInBatches(data, scoreBatch);
                if (rep >= 0) {
                    scoreRates[rep] = data.size(0) / ((System.nanoTime() - t0) / 1e9);
                }
            }
            double[] sorted = scoreRates.clone();
            java.util.Arrays.sort(sorted);
            double scoreGflops = forward * median(scoreRates) / 1e9;
            System.out.printf("scoring:  %.0f rows/s (median of %d passes over 50000 rows, batches of %d; "
                    + "quartiles %.0f-%.0f), %.1f GFLOP/s (%.1f %% of peak)%n", median(scoreRates), scoreRates.length,
                    scoreBatch, sorted[sorted.length / 4], sorted[3 * sorted.length / 4], scoreGflops,
                    100 * scoreGflops / peak);
        }
    }

    /** The most untimed repeats of {@code --steps} steps before the timed ones ({@link Warmup}). */
    private static final int MAX_WARMUP_REPEATS = 10;

    /** Glow's convolutions at batch 64: {@code C_in, C_out, H = W, k} of each level's coupling network. */
    private static final int[][] GLOW_CONVOLUTIONS = {{2, 128, 16, 3}, {128, 128, 16, 1}, {128, 4, 16, 3},
        {4, 128, 8, 3}, {128, 128, 8, 1}, {128, 8, 8, 3}, {8, 128, 4, 3}, {128, 128, 4, 1}, {128, 16, 4, 3}};

    /**
     * Glow's convolutions (batch 64, float32), forward and backward: {@link Kernels#convolution} on its automatic path
     * (the host path where it is available) under the tool's thread policy, then on its ND4J path ({@code conv2d} and
     * {@code conv2d_bp}) on ND4J's default threads, on the same arrays, each pass in a reused memory workspace as in a
     * training step. GFLOP/s counts a forward and a backward pass as three forward passes.
     */
    private void conv2d() {
        INDArray[][] arrays = new INDArray[GLOW_CONVOLUTIONS.length][];
        for (int i = 0; i < arrays.length; i++) {
            int[] c = GLOW_CONVOLUTIONS[i];
            arrays[i] = new INDArray[] {Nd4j.randn(DataType.FLOAT, 64, c[0], c[2], c[2]),
                Nd4j.randn(DataType.FLOAT, c[3], c[3], c[0], c[1]), Nd4j.randn(DataType.FLOAT, 64, c[1], c[2], c[2]),
                Nd4j.zeros(DataType.FLOAT, c[3], c[3], c[0], c[1])};
        }
        // the kernel layer first, under the policy; then ND4J's ops on ND4J's own threads (its spinning OpenMP team
        // would take the second core from the kernel layer's threads if it ran first)
        Runnable restore = ThreadPolicy.apply();
        String path = Kernels.path().name().toLowerCase(java.util.Locale.ROOT);
        int threads = Kernels.threads();
        double[][][] kernels = time(arrays, "kernel layer");
        restore.run();
        Kernels.Path previous = Kernels.use(Kernels.Path.ND4J);
        double[][][] nd4j;
        try {
            nd4j = time(arrays, "ND4J path");
        } finally {
            Kernels.use(previous);
        }
        System.out.printf("Glow's convolutions, batch 64, float32, ms per call (median of 10, after the warm-up): the "
                + "kernel layer (%s path) on %d threads, its ND4J path (conv2d, conv2d_bp) on ND4J's default "
                + "threads%n", path, threads);
        System.out.printf("%10s %5s %3s %12s %12s %9s %12s %12s%n", "C_in>C_out", "H=W", "k", "kernel fwd",
                "kernel bwd", "GFLOP/s", "ND4J fwd", "ND4J bwd");
        for (int i = 0; i < arrays.length; i++) {
            int[] c = GLOW_CONVOLUTIONS[i];
            double gflop = 2.0 * 64 * c[2] * c[2] * c[0] * c[1] * c[3] * c[3] / 1e9;
            double fwd = median(kernels[i][0]);
            double bwd = median(kernels[i][1]);
            System.out.printf("%10s %5d %3d %12.2f %12.2f %9.0f %12.2f %12.2f%n", c[0] + ">" + c[1], c[2], c[3], fwd,
                    bwd, 3 * gflop / (fwd + bwd) * 1e3, median(nd4j[i][0]), median(nd4j[i][1]));
        }
    }

    /**
     * Each convolution's forward and backward times on the current path, after untimed rounds over every shape until
     * the JIT is quiet ({@link Warmup}, at most {@value #MAX_WARMUP_ROUNDS} rounds).
     */
    private static double[][][] time(INDArray[][] arrays, String label) {
        Runnable[][] passes = new Runnable[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            INDArray[] a = arrays[i];
            passes[i] = new Runnable[] {inBenchWorkspace(() -> Kernels.convolution(a[0], a[1], null)),
                inBenchWorkspace(() -> Kernels.convolutionBackward(a[0], a[1], a[2], a[3]))};
        }
        Warmup.Result warmup = Warmup.run(1, MAX_WARMUP_ROUNDS, r -> {
            for (Runnable[] pass : passes) {
                pass[0].run();
                pass[1].run();
            }
        });
        System.out.println(label + ": " + warmup.describe("rounds over the nine shapes"));
        double[][][] ms = new double[arrays.length][][];
        for (int i = 0; i < arrays.length; i++) {
            ms[i] = time(passes[i][0], passes[i][1]);
        }
        return ms;
    }

    /** The most untimed rounds over the convolutions before the timed one. */
    private static final int MAX_WARMUP_ROUNDS = 20;

    /** {@code work} inside the bench's memory workspace, reused from call to call as in a training step. */
    private static Runnable inBenchWorkspace(Runnable work) {
        return () -> {
            try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(BENCH_WORKSPACE, "flows4j-bench-conv")) {
                work.run();
            }
        };
    }

    /** Ten timed runs of each pass, in ms, after five untimed ones, each pass in a reused memory workspace. */
    private static double[][] time(Runnable forward, Runnable backward) {
        double[][] ms = new double[2][10];
        for (int rep = -5; rep < ms[0].length; rep++) {
            long t0 = System.nanoTime();
            forward.run();
            long t1 = System.nanoTime();
            backward.run();
            long t2 = System.nanoTime();
            if (rep >= 0) {
                ms[0][rep] = (t1 - t0) / 1e6;
                ms[1][rep] = (t2 - t1) / 1e6;
            }
        }
        return ms;
    }

    private static final org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration BENCH_WORKSPACE =
            org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder().initialSize(0)
                    .policyLearning(org.nd4j.linalg.api.memory.enums.LearningPolicy.FIRST_LOOP).build();

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private void glow(double peak) {
        org.flows4j.images.ImageSet train = images.load(true);
        System.out.printf("Glow training step, L=3, width 128, batch %d, %dx%dx%d images, float32 (median of %d)%n",
                glowBatch, train.channels(), train.height(), train.width(), iterations);
        System.out.printf("%4s %6s %10s %10s %14s %14s %9s %7s %12s  %s%n", "K", "memory", "images/s", "s/step",
                "baseline RSS", "peak RSS", "GFLOP/s", "of peak", "64 samples", "warm-up");
        for (int k : ks) {
            for (MemoryRegime regime : regimes) {
                var r = GlowBenchmark.run(train, 3, k, 128, glowBatch, iterations, regime);
                System.out.printf("%4d %6s %10.1f %10.2f %10d MiB %10d MiB %9.1f %6.1f%% %10.3f s  %s%n", k,
                        regime.name().toLowerCase(java.util.Locale.ROOT), r.imagesPerSecond(), r.secondsPerStep(),
                        r.baselineRssMb(), r.peakRssMb(), r.gflops(), 100 * r.gflops() / peak, r.sampleSeconds(),
                        r.warmup().describe("steps"));
            }
        }
    }
}
