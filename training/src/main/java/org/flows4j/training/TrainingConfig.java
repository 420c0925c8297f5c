package org.flows4j.training;

import static org.nd4j.common.base.Preconditions.checkArgument;

import org.flows4j.core.Flow;
import org.flows4j.core.MemoryRegime;

/**
 * Immutable settings of maximum-likelihood training. Build with {@link #builder()}; defaults in brackets:
 * epochs [20], batch size [256], Adam learning rate [1e-3], schedule after warm-up [COSINE], warm-up steps [0],
 * gradient-norm clip [100; ≤ 0 disables], early-stopping patience in epochs [0 = off], seed [0], memory regime
 * [{@link MemoryRegime#FAST}: couplings keep their conditioners' output for the backward pass — for tables a few
 * hundred KB; the gradients then come from the exact forward activations instead of ones recomputed through the
 * inverse, the same to rounding]. Training runs in the data type of the flow's parameters ({@link Flow#dataType()}). Progress goes to a
 * {@link TrainingListener}, not into the configuration.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, LearningRateSchedule.Kind schedule,
                             int warmupSteps, double clipNorm, int patience, long seed, MemoryRegime memoryRegime) {

    /**
     * Checks the settings: {@code epochs} and {@code batchSize} ≥ 1, {@code learningRate} finite and &gt; 0,
     * {@code warmupSteps} and {@code patience} ≥ 0, {@code clipNorm} not NaN; otherwise an
     * {@link IllegalArgumentException}.
     */
    public TrainingConfig {
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkArgument(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got %s",
                learningRate);
        checkArgument(warmupSteps >= 0, "warmupSteps must be >= 0, got %s", warmupSteps);
        checkArgument(!Double.isNaN(clipNorm), "clipNorm must be a number (<= 0: no clipping), got %s", clipNorm);
        checkArgument(patience >= 0, "patience must be >= 0, got %s", patience);
        checkArgument(memoryRegime != null, "memoryRegime must be LEAN or FAST, got null");
        checkArgument(schedule != null, "schedule must be CONSTANT, COSINE or WSD, got %s", schedule);
    }

    /** A builder holding the defaults listed above. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every setting of this configuration, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).schedule(schedule)
                .warmupSteps(warmupSteps).clipNorm(clipNorm)
                .patience(patience).seed(seed).memoryRegime(memoryRegime);
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
        private MemoryRegime memoryRegime = MemoryRegime.FAST;

        /** Sets the memory regime of each training step [FAST]. */
        public Builder memoryRegime(MemoryRegime v) {
            memoryRegime = v;
            return this;
        }

        /** Sets the number of passes over the training rows, at least 1 [20]. */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** Sets the rows per mini-batch, at least 1; the last batch of an epoch may be smaller [256]. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Sets Adam's peak learning rate, reached after the warm-up; finite and &gt; 0 [1e-3]. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets the learning-rate shape after the warm-up, over all steps of all epochs [COSINE]. */
        public Builder schedule(LearningRateSchedule.Kind v) {
            schedule = v;
            return this;
        }

        /** Sets the optimizer steps of linear warm-up from 0 to the learning rate, ≥ 0 [0]. */
        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        /** Sets the largest L2 norm of a step's gradient, larger ones scaled down to it; ≤ 0 disables [100]. */
        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        /** Sets the epochs without a better validation NLL after which training stops; 0 never stops early [0]. */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /** Sets the seed of the batch order (the flow's initial weights come from its own builder's seed) [0]. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** The configuration of the settings made, checked as the record's constructor does. */
        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, schedule, warmupSteps, clipNorm, patience, seed,
                    memoryRegime);
        }
    }
}
