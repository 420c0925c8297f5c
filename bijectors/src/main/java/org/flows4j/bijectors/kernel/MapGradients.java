package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of an element-wise map on {@code [N, K]} arrays.
 *
 * @param input {@code x = f⁻¹(y)}
 * @param gradInput {@code dL/dx}
 * @param gradParameters {@code dL/dθ_p}, one {@code [N, K]} array per parameter
 */
public record MapGradients(INDArray input, INDArray gradInput, INDArray[] gradParameters) {
}
