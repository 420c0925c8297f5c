package org.flows4j.training;

/**
 * Receives a training run's progress: {@link Trainer} calls {@link #onBatch} after every optimizer step and
 * {@link #onEpoch} after every epoch's validation. The library prints nothing itself; a caller that wants a progress
 * bar or log lines draws them from these calls. Both methods do nothing by default.
 */
public interface TrainingListener {

    /** A listener that ignores every call. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Called after each optimizer step with the epoch's figures so far. */
    default void onBatch(BatchProgress progress) {
    }

    /** Called after each completed epoch (not after one stopped by a non-finite loss or gradient). */
    default void onEpoch(EpochReport report) {
    }

    /**
     * One optimizer step of a tabular training run: batch {@code batch} of {@code batches} (1-based) in epoch
     * {@code epoch} of {@code epochs}, this batch's mean NLL in nats, the mean over the epoch's rows so far and the
     * epoch's training throughput so far in rows per second.
     */
    record BatchProgress(int epoch, int epochs, int batch, int batches, double loss, double epochMeanLoss,
                         double rowsPerSecond) {
    }
}
