package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of the channel mixing {@code y[n, o, …] = Σ_i W[o, i]·x[n, i, …]}
 * ({@link Kernels#channelMixBackward}).
 *
 * @param gradInput  {@code dL/dx[n, i, …] = Σ_o W[o, i]·dL/dy[n, o, …]}, shaped like the input
 * @param gradWeight {@code dL/dW[o, i] = Σ_n Σ_… dL/dy[n, o, …]·x[n, i, …]}, row-major {@code [C, C]}
 */
public record ChannelMixGradients(INDArray gradInput, double[] gradWeight) {
}
