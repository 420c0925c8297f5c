package org.flows4j.images;

import static org.nd4j.common.base.Preconditions.checkArgument;

import org.flows4j.core.MemoryRegime;
import org.flows4j.training.LearningRateSchedule;

/**
 * Settings of an image training run: a fixed number of optimizer steps on mini-batches drawn with replacement-free
 * shuffles, Adam or Adamax with a linear warm-up then a constant rate (Glow's schedule), a cosine decay to 0 at the
 * last step, or a constant rate then a linear decay to 0 over the last {@code decayFraction} of the steps (wsd),
 * the optimizer's second-moment decay {@code beta2} (β₂ in {@code v_t = β₂·v_{t−1} + (1 − β₂)·g_t²}), gradient-norm
 * clipping, periodic test bits/dim on the first {@code testImages} test images (all of them when the test set has
 * fewer), and a checkpoint every {@code checkpointEvery} steps, in a {@link MemoryRegime} (fast: couplings keep
 * their conditioners' activations for the backward pass; lean: they recompute them, memory nearly flat in depth).
 */
public record ImageTrainingConfig(int steps, int batchSize, double learningRate, Optimizer optimizer, double beta2,
                                  int warmupSteps, LearningRateSchedule.Kind schedule, double decayFraction,
                                  double clipNorm, int testEvery, int testImages, int checkpointEvery, int nBits,
                                  long seed, MemoryRegime memoryRegime) {

    /** Adam's and Adamax's usual second-moment decay. */
    public static final double DEFAULT_BETA2 = 0.999;

    /** The optimizer. */
    public enum Optimizer { ADAM, ADAMAX }

    /**
     * Checks the settings: {@code steps} and {@code batchSize} ≥ 1, {@code learningRate} finite and &gt; 0,
     * {@code warmupSteps}, {@code testEvery}, {@code testImages} and {@code checkpointEvery} ≥ 0,
     * {@code decayFraction} in (0, 1], {@code beta2} in (0, 1) and {@code clipNorm} not NaN; otherwise an
     * {@link IllegalArgumentException}.
     */
    public ImageTrainingConfig {
        checkArgument(steps >= 1, "steps must be >= 1, got %s", steps);
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkArgument(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got %s",
                learningRate);
        checkArgument(warmupSteps >= 0, "warmupSteps must be >= 0, got %s", warmupSteps);
        checkArgument(!Double.isNaN(clipNorm), "clipNorm must be a number (<= 0: no clipping), got %s", clipNorm);
        checkArgument(testEvery >= 0, "testEvery must be >= 0, got %s", testEvery);
        checkArgument(testImages >= 0, "testImages must be >= 0, got %s", testImages);
        checkArgument(checkpointEvery >= 0, "checkpointEvery must be >= 0, got %s", checkpointEvery);
        checkArgument(testEvery == 0 || testImages >= 1, "testImages must be >= 1 when testEvery > 0, got %s",
                testImages);
        checkArgument(schedule != null, "schedule must be CONSTANT, COSINE or WSD, got %s", schedule);
        checkArgument(optimizer != null, "optimizer must be ADAM or ADAMAX, got %s", optimizer);
        LearningRateSchedule.checkDecayFraction(decayFraction);
        if (memoryRegime == null) {
            throw new IllegalArgumentException("memoryRegime must be LEAN or FAST, got null");
        }
        if (!(beta2 > 0 && beta2 < 1)) {
            throw new IllegalArgumentException("--beta2 must be in (0, 1), got " + beta2);
        }
    }

    /** A builder holding the defaults listed on {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builder; defaults: 1500 steps, batch 64, Adam 1e-3 with β₂ 0.999, 200 warm-up steps, clip 50, test every 250
     * on 1000, the fast memory regime.
     */
    public static final class Builder {
        private int steps = 1500;
        private int batchSize = 64;
        private double learningRate = 1e-3;
        private Optimizer optimizer = Optimizer.ADAM;
        private double beta2 = DEFAULT_BETA2;
        private MemoryRegime memoryRegime = MemoryRegime.FAST;
        private int warmupSteps = 200;
        private LearningRateSchedule.Kind schedule = LearningRateSchedule.Kind.CONSTANT;
        private double decayFraction = LearningRateSchedule.DEFAULT_DECAY_FRACTION;
        private double clipNorm = 50;
        private int testEvery = 250;
        private int testImages = 1000;
        private int checkpointEvery = 250;
        private int nBits = 8;
        private long seed = 0;

        /** Sets the total number of optimizer steps, at least 1 (default 1500). */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** Sets the images per step, at least 1, capped at the training set's size (default 64). */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Sets the peak learning rate, reached after the warm-up; finite and &gt; 0 (default 1e-3). */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets the optimizer, Adam or Adamax (default ADAM). */
        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        /** Adam's or Adamax's second-moment decay β₂ (default 0.999). */
        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        /** Sets the steps of linear warm-up from 0 to the learning rate, ≥ 0 (default 200). */
        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        /** Sets the learning-rate shape after the warm-up (default CONSTANT, Glow's schedule). */
        public Builder schedule(LearningRateSchedule.Kind v) {
            schedule = v;
            return this;
        }

        /** The share of the steps a wsd schedule spends decaying (default 0.25). */
        public Builder decayFraction(double v) {
            decayFraction = v;
            return this;
        }

        /** Sets the largest L2 norm of a step's gradient, larger ones scaled down to it; ≤ 0 disables (default 50). */
        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        /** Sets the steps between test evaluations, also run at the last step; 0 never tests (default 250). */
        public Builder testEvery(int v) {
            testEvery = v;
            return this;
        }

        /** Sets how many of the first test images the test bits/dim is measured on, ≥ 0 (default 1000). */
        public Builder testImages(int v) {
            testImages = v;
            return this;
        }

        /**
         * Sets the steps between checkpoints, also written at the last step; 0 writes only that last one
         * (default 250).
         */
        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        /**
         * Sets the pixel depth of the run in bits per value (default 8); the dequantisation itself follows the
         * model's {@link ImageModel#nBits()}.
         */
        public Builder nBits(int v) {
            nBits = v;
            return this;
        }

        /** Sets the seed of the batch shuffles and the dequantisation noise (default 0). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Sets the memory regime of each training step (default {@link MemoryRegime#FAST}). */
        public Builder memoryRegime(MemoryRegime v) {
            memoryRegime = v;
            return this;
        }

        /** The configuration of the settings made, checked as the record's constructor does. */
        public ImageTrainingConfig build() {
            return new ImageTrainingConfig(steps, batchSize, learningRate, optimizer, beta2, warmupSteps, schedule,
                    decayFraction, clipNorm, testEvery, testImages, checkpointEvery, nBits, seed, memoryRegime);
        }
    }
}
