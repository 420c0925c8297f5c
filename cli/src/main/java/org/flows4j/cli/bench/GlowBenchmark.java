package org.flows4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.flows4j.core.Flow;
import org.flows4j.core.MemoryRegime;
import org.flows4j.images.Dequantization;
import org.flows4j.images.ImageSet;
import org.flows4j.models.Glow;
import org.flows4j.training.OptimizerStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Times one Glow training step (forward, invertible backward, Adam update) on real images and reports images/s, the
 * useful GFLOP/s, the process's peak resident memory during the timed steps, and the time to draw 64 samples. The peak is read from {@code VmHWM} in
 * {@code /proc/self/status} after resetting it through {@code /proc/self/clear_refs}, so each configuration is
 * measured on its own within one process.
 */
public final class GlowBenchmark {
    /** Images drawn in the sampling measurement, as in the Glow paper's sample grids. */
    public static final int SAMPLES = 64;
    /** The sampling temperature T (the latent's standard deviation scaled by T). */
    public static final double TEMPERATURE = 0.7;
    /** The fewest untimed steps before the timed ones. */
    public static final int MIN_WARMUP_STEPS = 6;
    /** The most untimed steps: the warm-up ends earlier once the JIT is quiet ({@link Warmup}). */
    public static final int MAX_WARMUP_STEPS = 60;

    private GlowBenchmark() {
    }

    /** One measured configuration. */
    public record Result(int levels, int steps, int width, int batch, MemoryRegime regime, double imagesPerSecond,
                         double secondsPerStep, long baselineRssMb, long peakRssMb, double gflops,
                         double sampleSeconds, Warmup.Result warmup) {
    }

    /**
     * Measures a float32 Glow of {@code levels} levels, {@code steps} steps per level and {@code width} hidden
     * channels on one fixed batch of {@code batch} images drawn from {@code images}: after the ActNorm initialisation
     * and untimed steps until the JIT is quiet ({@link Warmup}; {@value #MIN_WARMUP_STEPS} to
     * {@value #MAX_WARMUP_STEPS} steps, in which the JIT compiles the step and the workspaces learn their sizes), {@code iterations} (≥ 1) timed Adam steps, reported by their median time. The memory
     * figures are in MiB, −1 where {@code /proc} is unavailable; {@code gflops} is the useful rate of
     * {@link StepFlops}; {@code sampleSeconds} is the time to draw 64 images at T = 0.7 after the timed steps. Steps run
     * through the training loop's own {@link OptimizerStep} in {@code regime}.
     */
    public static Result run(ImageSet images, int levels, int steps, int width, int batch, int iterations,
                             MemoryRegime regime) {
        Glow spec = Glow.builder(images.channels(), images.height(), images.width()).levels(levels).steps(steps)
                .hidden(width).build();
        Flow flow = spec.flow();
        OptimizerStep optimizer = new OptimizerStep(flow, new Adam(1e-4), null, 0, regime);
        Dequantization deq = new Dequantization(8);
        SplittableRandom random = new SplittableRandom(1);
        int[] idx = random.ints(batch, 0, images.count()).toArray();
        INDArray x = deq.batch(images, idx, random, DataType.FLOAT);
        flow.bijector().forward(x);
        Warmup.Result warmup = Warmup.run(MIN_WARMUP_STEPS, MAX_WARMUP_STEPS, i -> optimizer.step(x, i, 0));
        System.gc();
        long baseline = rssMb("VmRSS");
        resetPeak();
        double[] seconds = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            optimizer.step(x, i + warmup.runs(), 0);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        long peak = rssMb("VmHWM");
        Arrays.sort(seconds);
        double median = seconds[iterations / 2];
        double gflops = StepFlops.trainingStep(StepFlops.glowForwardPerImage(spec)) * batch / median / 1e9;
        return new Result(levels, steps, width, batch, regime, batch / median, median, baseline, peak, gflops,
                sampleSeconds(flow), warmup);
    }

    /** Seconds to draw {@value #SAMPLES} images at temperature {@value #TEMPERATURE}: median of 5 after one untimed. */
    private static double sampleSeconds(Flow flow) {
        return Timings.medianSeconds(1, 5, () -> flow.sample(SAMPLES, TEMPERATURE, 7));
    }

    private static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("note: cannot reset the peak-memory counter (" + e.getMessage() + "); peaks are cumulative");
        }
    }

    /** A {@code /proc/self/status} memory field in MiB, or −1 where unavailable. */
    static long rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
