package org.flows4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link Bijector#backward}: the input recomputed from the output, and {@code dL/dinput}.
 */
public record Backward(INDArray input, INDArray gradInput) {
}
