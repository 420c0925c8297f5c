package org.flows4j.images;

import org.flows4j.training.LearningRateSchedule;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Settings of an image training run: a fixed number of optimizer steps on mini-batches drawn with replacement-free
 * shuffles, Adam or Adamax with a linear warm-up then a constant rate (Glow's schedule), a cosine decay to 0 at the
 * last step, or a constant rate then a linear decay to 0 over the last {@code decayFraction} of the steps (wsd),
 * the optimizer's second-moment decay {@code beta2} (β₂ in {@code v_t = β₂·v_{t−1} + (1 − β₂)·g_t²}), gradient-norm
 * clipping, periodic test bits/dim on {@code testImages} test images, and a checkpoint every
 * {@code checkpointEvery} steps.
 */
public record ImageTrainingConfig(int steps, int batchSize, double learningRate, Optimizer optimizer, double beta2,
                                  int warmupSteps, LearningRateSchedule.Kind schedule, double decayFraction,
                                  double clipNorm, int testEvery, int testImages, int checkpointEvery, int nBits,
                                  long seed, DataType dataType, boolean progressBar) {

    /** Adam's and Adamax's usual second-moment decay. */
    public static final double DEFAULT_BETA2 = 0.999;

    /** The optimizer. */
    public enum Optimizer { ADAM, ADAMAX }

    public ImageTrainingConfig {
        if (steps < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0 || testEvery < 0 || testImages < 0
                || checkpointEvery < 0) {
            throw new IllegalArgumentException("steps, batch and learning rate must be positive; the rest not negative");
        }
        LearningRateSchedule.checkDecayFraction(decayFraction);
        if (!(beta2 > 0 && beta2 < 1)) {
            throw new IllegalArgumentException("--beta2 must be in (0, 1), got " + beta2);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builder; defaults: 1500 steps, batch 64, Adam 1e-3 with β₂ 0.999, 200 warm-up steps, clip 50, test every 250
     * on 1000.
     */
    public static final class Builder {
        private int steps = 1500;
        private int batchSize = 64;
        private double learningRate = 1e-3;
        private Optimizer optimizer = Optimizer.ADAM;
        private double beta2 = DEFAULT_BETA2;
        private int warmupSteps = 200;
        private LearningRateSchedule.Kind schedule = LearningRateSchedule.Kind.CONSTANT;
        private double decayFraction = LearningRateSchedule.DEFAULT_DECAY_FRACTION;
        private double clipNorm = 50;
        private int testEvery = 250;
        private int testImages = 1000;
        private int checkpointEvery = 250;
        private int nBits = 8;
        private long seed = 0;
        private DataType dataType = DataType.FLOAT;
        private boolean progressBar = true;

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        /** Adam's or Adamax's second-moment decay β₂ (default 0.999). */
        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        public Builder schedule(LearningRateSchedule.Kind v) {
            schedule = v;
            return this;
        }

        /** The share of the steps a wsd schedule spends decaying (default 0.25). */
        public Builder decayFraction(double v) {
            decayFraction = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder testEvery(int v) {
            testEvery = v;
            return this;
        }

        public Builder testImages(int v) {
            testImages = v;
            return this;
        }

        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        public Builder nBits(int v) {
            nBits = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder dataType(DataType v) {
            dataType = v;
            return this;
        }

        public Builder progressBar(boolean v) {
            progressBar = v;
            return this;
        }

        public ImageTrainingConfig build() {
            return new ImageTrainingConfig(steps, batchSize, learningRate, optimizer, beta2, warmupSteps, schedule,
                    decayFraction, clipNorm, testEvery, testImages, checkpointEvery, nBits, seed, dataType,
                    progressBar);
        }
    }
}
