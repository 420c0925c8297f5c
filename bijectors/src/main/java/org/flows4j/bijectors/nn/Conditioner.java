package org.flows4j.bijectors.nn;

import java.util.List;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network inside a coupling layer, {@code h = NN(x_A)}. It need not be invertible.
 *
 * <p>{@link #forward} keeps the activations of its last call; {@link #backward} uses them to return
 * {@code dL/dinput} and add {@code dL/dθ} into its parameters' gradients. A coupling layer calls the two back to back
 * inside its own backward, so activations live for one layer only. Not safe for concurrent use.
 */
public interface Conditioner {

    INDArray forward(INDArray input);

    INDArray backward(INDArray gradOutput);

    List<Parameter> parameters();
}
