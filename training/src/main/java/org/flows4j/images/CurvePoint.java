package org.flows4j.images;

/**
 * One point of an image training curve: the mean training bits/dim over the steps since the previous point, the test
 * bits/dim when measured at this step (NaN otherwise), the cumulative wall time and the training speed, and over the
 * same steps the mean L2 norm of the gradient before clipping (of the mean negative log-likelihood in nats per image)
 * and the share of steps whose gradient was clipped. Files written before the last two existed read them as 0.
 */
public record CurvePoint(int step, double trainBitsPerDim, double testBitsPerDim, double seconds,
                         double imagesPerSecond, double gradientNorm, double clippedShare) {
}
