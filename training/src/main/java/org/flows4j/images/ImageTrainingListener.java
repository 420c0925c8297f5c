package org.flows4j.images;

/**
 * Receives an image training run's progress: {@link ImageTrainer} calls {@link #onStep} after every optimizer step
 * and {@link #onPoint} at every curve point (each test evaluation). The library prints nothing itself; a caller that
 * wants a progress bar or log lines draws them from these calls.
 */
@FunctionalInterface
public interface ImageTrainingListener {

    /** Called with each new point of the training curve. */
    void onPoint(CurvePoint point);

    /** Called after each optimizer step; does nothing by default. */
    default void onStep(StepProgress progress) {
    }

    /**
     * Step {@code step} of {@code steps} (1-based), its training batch in bits per dimension and the training speed
     * since the last curve point in images per second.
     */
    record StepProgress(int step, int steps, double bitsPerDim, double imagesPerSecond) {
    }
}
