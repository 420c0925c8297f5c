package org.flows4j.images;

import java.util.Locale;
import org.flows4j.models.Glow;

/**
 * The shared settings of every run in the permutation ablation. {@link #DEFAULT} fits the 3 × 2 grid with 3 seeds
 * into about an hour on 2 cores; {@link #PAPER} is the Glow paper's configuration for the ablation (L = 3, K = 32,
 * width 512, Adamax 1e-3 with warm-up, batch 64), for users with the hardware. {@code actNormFactor} is the ActNorms'
 * log-scale factor ({@link org.flows4j.models.Glow.Builder#actNormFactor}): the default preset keeps 1, the value its
 * published figures (docs/ablation.md) were made with; the paper preset uses Glow's 3.
 */
public record AblationPreset(String name, int levels, int stepsPerLevel, int width, int batch, int steps, int testEvery,
                             int testImages, double learningRate, ImageTrainingConfig.Optimizer optimizer,
                             int warmupSteps, int size, double actNormFactor) {

    public static final AblationPreset DEFAULT = new AblationPreset("default", 2, 4, 32, 32, 1200, 200, 1000, 1e-3,
            ImageTrainingConfig.Optimizer.ADAM, 50, 32, 1.0);
    public static final AblationPreset PAPER = new AblationPreset("paper", 3, 32, 512, 64, 50_000, 1000, 10_000, 1e-3,
            ImageTrainingConfig.Optimizer.ADAMAX, 4000, 32, Glow.GLOW_ACTNORM_FACTOR);

    public static AblationPreset named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> DEFAULT;
            case "paper" -> PAPER;
            default -> throw new IllegalArgumentException("--preset must be default or paper, got '" + name + "'");
        };
    }

    public ImageTrainingConfig config(long seed, boolean progressBar) {
        return ImageTrainingConfig.builder().steps(steps).batchSize(batch).learningRate(learningRate).optimizer(optimizer)
                .warmupSteps(warmupSteps).clipNorm(50).testEvery(testEvery).testImages(testImages).checkpointEvery(testEvery)
                .nBits(8).seed(seed).progressBar(progressBar).build();
    }

    public String describe() {
        return String.format(Locale.ROOT, "preset %s: L=%d, K=%d, width %d, batch %d, %d steps, %s lr %.0e, warm-up %d, "
                + "test every %d steps on %d images, %dx%d, ActNorm factor %.0f", name, levels, stepsPerLevel, width, batch,
                steps, optimizer.name().toLowerCase(Locale.ROOT), learningRate, warmupSteps, testEvery, testImages, size,
                size, actNormFactor);
    }
}
