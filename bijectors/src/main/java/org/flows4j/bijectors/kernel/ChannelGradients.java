package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of a per-channel affine map {@code y = act(a_c·x + b_c)} ({@link Kernels#channelAffineBackward}),
 * with {@code g_z = dL/dy · act'} the gradient before the activation.
 *
 * @param gradInput {@code dL/dx = g_z·a_c}, shaped like the input
 * @param gradSum per channel {@code Σ g_z} over the batch and spatial positions
 * @param gradOutputSum per channel {@code Σ g_z·y}
 */
public record ChannelGradients(INDArray gradInput, double[] gradSum, double[] gradOutputSum) {
}
