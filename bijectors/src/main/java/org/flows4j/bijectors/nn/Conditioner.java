package org.flows4j.bijectors.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network inside a coupling layer, {@code h = NN(x_A)} or, with a context, {@code h = NN(x_A, c)}. It need not
 * be invertible.
 *
 * <p>A coupling layer calls {@link #forward} and {@link #backward} back to back inside its own backward, so
 * activations live for one layer only. The context (one row per sample, {@code [N, K]}) is the hook for conditional
 * flows {@code p(x | c)}: a conditioner that takes one overrides {@link #forward(INDArray, INDArray)} and
 * {@link #contextGradient()}; the ones built in take none and refuse a context rather than ignore it.
 */
public interface Conditioner extends Layer {

    /**
     * {@code h = NN(input, context)}, keeping what the next {@link #backward} needs; {@code context} may be null (no
     * context). The default runs {@link #forward(INDArray)} and refuses a non-null context.
     */
    default INDArray forward(INDArray input, INDArray context) {
        if (context != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes no context, got one of shape "
                    + java.util.Arrays.toString(context.shape()));
        }
        return forward(input);
    }

    /**
     * {@code dL/dc} for the context of the last {@link #forward(INDArray, INDArray)} call, available after
     * {@link #backward}; null when that call had no context (the default).
     */
    default INDArray contextGradient() {
        return null;
    }
}
