package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise part of a coupling's backward pass, before the conditioner's own: the input recomputed from the
 * output, {@code dL/dx} with only the direct term on the kept part (the conditioner's share is added after its
 * backward pass), and {@code dL/dh} for the conditioner's output.
 *
 * @param input {@code x = f⁻¹(y)}
 * @param gradInput {@code dL/dx}: the transformed part complete, the kept part {@code dL/dy} only
 * @param gradConditionerOutput {@code dL/dh}, shaped like the conditioner's output
 */
public record CouplingGradients(INDArray input, INDArray gradInput, INDArray gradConditionerOutput) {
}
