package org.flows4j.training;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Immutable settings of maximum-likelihood training. Build with {@link #builder()}; defaults in brackets:
 * epochs [20], batch size [256], Adam learning rate [1e-3], schedule after warm-up [COSINE], warm-up steps [0],
 * gradient-norm clip [100; ≤ 0 disables], early-stopping patience in epochs [0 = off], seed [0],
 * data type [FLOAT], progress bar [true].
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, LearningRateSchedule.Kind schedule,
                             int warmupSteps, double clipNorm, int patience, long seed, DataType dataType,
                             boolean progressBar) {

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1 and the learning rate > 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).schedule(schedule)
                .warmupSteps(warmupSteps).clipNorm(clipNorm)
                .patience(patience).seed(seed).dataType(dataType).progressBar(progressBar);
    }

    /** Builder for {@link TrainingConfig}. */
    public static final class Builder {
        private int epochs = 20;
        private int batchSize = 256;
        private double learningRate = 1e-3;
        private LearningRateSchedule.Kind schedule = LearningRateSchedule.Kind.COSINE;
        private int warmupSteps = 0;
        private double clipNorm = 100;
        private int patience = 0;
        private long seed = 0;
        private DataType dataType = DataType.FLOAT;
        private boolean progressBar = true;

        public Builder epochs(int v) {
            epochs = v;
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

        public Builder schedule(LearningRateSchedule.Kind v) {
            schedule = v;
            return this;
        }

        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
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

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, schedule, warmupSteps, clipNorm, patience, seed,
                    dataType, progressBar);
        }
    }
}
