package org.flows4j.bijectors.nn;

import java.util.List;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One differentiable step {@code h = g(x)} of a network, with a hand-written vector-Jacobian product.
 *
 * <p>{@link #forward} keeps what its backward needs from its last call; {@link #backward} returns {@code dL/dx} for
 * that call and <em>adds</em> {@code dL/dθ} into its parameters' gradients. Not safe for concurrent use.
 */
public interface Layer {

    /** {@code h = g(input)}, keeping what the next {@link #backward} call needs. */
    INDArray forward(INDArray input);

    /** {@code dL/dx} for the last {@link #forward} call given {@code dL/dh}; adds {@code dL/dθ} into the gradients. */
    INDArray backward(INDArray gradOutput);

    /** The trainable parameters, in a fixed order; empty for a layer without any. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
