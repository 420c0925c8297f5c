package org.flows4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.flows4j.core.Flow;
import org.flows4j.core.ParameterVector;
import org.flows4j.images.Dequantization;
import org.flows4j.images.ImageSet;
import org.flows4j.models.Glow;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Times one Glow training step (forward, invertible backward, Adam update) on real images and reports images/s and
 * the process's peak resident memory during the timed steps. The peak is read from {@code VmHWM} in
 * {@code /proc/self/status} after resetting it through {@code /proc/self/clear_refs}, so each configuration is
 * measured on its own within one process.
 */
public final class GlowBenchmark {
    private GlowBenchmark() {
    }

    /** One measured configuration. */
    public record Result(int levels, int steps, int width, int batch, double imagesPerSecond, double secondsPerStep,
                         long baselineRssMb, long peakRssMb) {
    }

    /**
     * Measures a float32 Glow of {@code levels} levels, {@code steps} steps per level and {@code width} hidden
     * channels on one fixed batch of {@code batch} images drawn from {@code images}: after the ActNorm initialisation
     * and two untimed steps, {@code iterations} (≥ 1) timed Adam steps, reported by their median time. The memory
     * figures are in MiB, −1 where {@code /proc} is unavailable.
     */
    public static Result run(ImageSet images, int levels, int steps, int width, int batch, int iterations) {
        Glow spec = Glow.builder(images.channels(), images.height(), images.width()).levels(levels).steps(steps)
                .hidden(width).build();
        Flow flow = spec.flow();
        ParameterVector params = ParameterVector.of(flow.parameters(), DataType.FLOAT);
        Adam adam = new Adam(1e-4);
        GradientUpdater<?> updater = adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(params.size())), true);
        Dequantization deq = new Dequantization(8);
        SplittableRandom random = new SplittableRandom(1);
        int[] idx = random.ints(batch, 0, images.count()).toArray();
        INDArray x = deq.batch(images, idx, random, DataType.FLOAT);
        flow.bijector().forward(x);
        for (int i = 0; i < 2; i++) {
            step(flow, params, updater, x, i);
        }
        System.gc();
        long baseline = rssMb("VmRSS");
        resetPeak();
        double[] seconds = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            step(flow, params, updater, x, i + 2);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        long peak = rssMb("VmHWM");
        Arrays.sort(seconds);
        double median = seconds[iterations / 2];
        return new Result(levels, steps, width, batch, batch / median, median, baseline, peak);
    }

    private static void step(Flow flow, ParameterVector params, GradientUpdater<?> updater, INDArray x, int iteration) {
        params.zeroGradients();
        flow.negativeLogLikelihoodBackward(x);
        updater.applyUpdater(params.gradients(), iteration, 0);
        params.values().subi(params.gradients());
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
