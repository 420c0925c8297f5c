package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of an element-wise affine map {@code y = (x + t)·s(a)} ({@link Kernels#sigmoidAffineBackward}).
 *
 * @param input the input recomputed from the output, {@code x = y/s − t}
 * @param gradInput {@code dL/dx}
 * @param gradShift {@code dL/dt}
 * @param gradRawScale {@code dL/da}, including the log-determinant's share
 */
public record AffineGradients(INDArray input, INDArray gradInput, INDArray gradShift, INDArray gradRawScale) {
}
