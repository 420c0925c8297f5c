package org.flows4j.images;

/**
 * One point of an image training curve: the mean training bits/dim over the steps since the previous point, the test
 * bits/dim when measured at this step (NaN otherwise), the cumulative wall time and the training speed.
 */
public record CurvePoint(int step, double trainBitsPerDim, double testBitsPerDim, double seconds,
                         double imagesPerSecond) {
}
