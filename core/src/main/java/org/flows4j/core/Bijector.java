package org.flows4j.core;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An invertible, differentiable map {@code f} between arrays of the same size, batch along dimension 0.
 *
 * <p>{@code forward} is the normalizing direction, data to latent: {@code z = f(x)}; {@code inverse} maps
 * latent to data. {@code logAbsDetJacobian(x) = log|det ∂f/∂x|}, one value per sample (shape {@code [N]}),
 * summed over the event dimensions, so that {@code log p(x) = log p_Z(f(x)) + logAbsDetJacobian(x)}.
 *
 * <p>Training uses no autodiff graph: {@link #backward} is a vector-Jacobian product that recomputes the input
 * from the output, so a chain of any depth keeps one layer's activations alive at a time.
 */
public interface Bijector {

    /** {@code f(x)} together with {@code log|det ∂f/∂x|} per sample, computed in one pass. */
    Transformed forwardWithLogDet(INDArray x);

    /** {@code f⁻¹(y)}. */
    INDArray inverse(INDArray y);

    /**
     * Vector-Jacobian product through {@code y = f(x)}, with the input recomputed from the output.
     *
     * <p>Given the output {@code y}, {@code dL/dy} (same shape) and {@code dL/dlogdet} (shape {@code [N]}),
     * returns {@code x = f⁻¹(y)} and {@code dL/dx = (dL/dy)·∂f/∂x + (dL/dlogdet)·∂logdet/∂x}, and
     * <em>adds</em> {@code dL/dθ} into the gradient of every parameter of {@link #parameters()}.
     */
    Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet);

    /** {@code z = f(x)}. */
    default INDArray forward(INDArray x) {
        return forwardWithLogDet(x).output();
    }

    /** {@code log|det ∂f/∂x|} per sample, shape {@code [N]}. */
    default INDArray logAbsDetJacobian(INDArray x) {
        return forwardWithLogDet(x).logDet();
    }

    /** {@code f⁻¹(y)} with {@code log|det ∂f⁻¹/∂y| = −logAbsDetJacobian(f⁻¹(y))} per sample. */
    default Transformed inverseWithLogDet(INDArray y) {
        INDArray x = inverse(y);
        return new Transformed(x, logAbsDetJacobian(x).neg());
    }

    /**
     * The event shape of {@code f(x)} for inputs whose events (one sample, without the batch dimension) have shape
     * {@code inputShape}; throws an {@link IllegalArgumentException} naming the shape it expects when it does not
     * accept {@code inputShape} (see {@link Shapes#requireEvent}). {@link Chain} and {@link Flow} call it before any
     * array work. The default accepts any shape and keeps it; a bijector with a fixed size should override it.
     */
    default long[] forwardEventShape(long[] inputShape) {
        return inputShape.clone();
    }

    /** The event shape of {@code f⁻¹(y)} for outputs of event shape {@code outputShape}; as {@link #forwardEventShape}. */
    default long[] inverseEventShape(long[] outputShape) {
        return outputShape.clone();
    }

    /**
     * Whether {@code f⁻¹} recovers the input from the output to within the rounding of one step: an exact
     * rearrangement of the values, or one well-conditioned affine map per position (a per-channel scale and shift, an
     * invertible 1×1 convolution), whose error does not grow through the network behind it. A
     * {@link Chain#checkpointed() checkpointed chain} keeps no input for such a part and uses the one its
     * {@link #backward} recomputes. Such a part must not keep its input itself (for example in a nested checkpointed
     * chain). False by default: keep the input.
     */
    default boolean stableInverse() {
        return false;
    }

    /** The trainable parameters, in a fixed order; empty for a bijector without any. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
