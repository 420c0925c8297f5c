package org.flows4j.cli.ablation;

import java.util.Locale;
import org.flows4j.images.ImageTrainingConfig;
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

    /**
     * L = 2, K = 4, width 32, batch 32, 1200 steps tested every 200 on 1000 images, Adam 1e-3 with 50 warm-up steps,
     * 32×32 images, ActNorm factor 1.
     */
    public static final AblationPreset DEFAULT = new AblationPreset("default", 2, 4, 32, 32, 1200, 200, 1000, 1e-3,
            ImageTrainingConfig.Optimizer.ADAM, 50, 32, 1.0);
    /**
     * L = 3, K = 32, width 512, batch 64, 50,000 steps tested every 1000 on 10,000 images, Adamax 1e-3 with 4000
     * warm-up steps, 32×32 images, Glow's ActNorm factor.
     */
    public static final AblationPreset PAPER = new AblationPreset("paper", 3, 32, 512, 64, 50_000, 1000, 10_000, 1e-3,
            ImageTrainingConfig.Optimizer.ADAMAX, 4000, 32, Glow.GLOW_ACTNORM_FACTOR);

    /** The preset named {@code default} or {@code paper}, ignoring case; any other name is refused. */
    public static AblationPreset named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> DEFAULT;
            case "paper" -> PAPER;
            default -> throw new IllegalArgumentException("--preset must be default or paper, got '" + name + "'");
        };
    }

    /**
     * The training settings of one run with {@code seed}: this preset's steps, batch, optimizer, learning rate,
     * warm-up and tests, a checkpoint at every test, gradient clip 50, 8-bit pixels, the constant schedule.
     */
    public ImageTrainingConfig config(long seed) {
        return ImageTrainingConfig.builder().steps(steps).batchSize(batch).learningRate(learningRate).optimizer(optimizer)
                .warmupSteps(warmupSteps).clipNorm(50).testEvery(testEvery).testImages(testImages).checkpointEvery(testEvery)
                .nBits(8).seed(seed).build();
    }

    /** A one-line summary of the settings, e.g. {@code preset default: L=2, K=4, width 32, batch 32, ...}. */
    public String describe() {
        return String.format(Locale.ROOT, "preset %s: L=%d, K=%d, width %d, batch %d, %d steps, %s lr %.0e, warm-up %d, "
                + "test every %d steps on %d images, %dx%d, ActNorm factor %.0f", name, levels, stepsPerLevel, width, batch,
                steps, optimizer.name().toLowerCase(Locale.ROOT), learningRate, warmupSteps, testEvery, testImages, size,
                size, actNormFactor);
    }
}
