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

    INDArray forward(INDArray input);

    INDArray backward(INDArray gradOutput);

    default List<Parameter> parameters() {
        return List.of();
    }
}
