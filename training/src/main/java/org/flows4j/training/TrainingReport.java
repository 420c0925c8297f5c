package org.flows4j.training;

import java.util.List;

/**
 * The outcome of a training run: every epoch's report, the epoch whose parameters were kept (lowest validation NLL),
 * and whether training stopped early (patience exhausted) or on a non-finite loss.
 */
public record TrainingReport(List<EpochReport> epochs, int bestEpoch, double bestValidNll, boolean stoppedEarly,
                             boolean stoppedOnNonFiniteLoss, double seconds) {

    /** The training throughput averaged over the epochs, in rows per second (NaN when no epoch ran). */
    public double rowsPerSecond() {
        return epochs.stream().mapToDouble(EpochReport::rowsPerSecond).average().orElse(Double.NaN);
    }
}
