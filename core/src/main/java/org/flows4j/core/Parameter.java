package org.flows4j.core;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named trainable array θ and its gradient accumulator dL/dθ of the same shape.
 *
 * <p>Bijectors read {@link #value()} and add into {@link #grad()} on every call rather than caching either:
 * a {@link ParameterVector} rebinds both to views of one flat buffer so an optimizer updates them in one step.
 */
public final class Parameter {
    private final String name;
    private INDArray value;
    private INDArray grad;

    /**
     * A parameter named {@code name} (used in messages and model files) holding {@code initial} as its value, with
     * a zero gradient of the same shape and data type.
     */
    public Parameter(String name, INDArray initial) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = initial;
        this.grad = initial.ulike();
        this.grad.assign(0);
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    /** The current value θ; after {@link ParameterVector#of} binding, a view of the flat value vector. */
    public INDArray value() {
        return value;
    }

    /** The gradient accumulator dL/dθ, same shape as {@link #value()}; callers add into it. */
    public INDArray grad() {
        return grad;
    }

    /** The shape of the value array. */
    public long[] shape() {
        return value.shape();
    }

    /** The number of scalars in the value array. */
    public long length() {
        return value.length();
    }

    /** Makes {@code value} and {@code grad} views of the given arrays (which already hold the current values). */
    void bind(INDArray valueView, INDArray gradView) {
        if (!Arrays.equals(valueView.shape(), value.shape()) || !Arrays.equals(gradView.shape(), value.shape())) {
            throw new IllegalArgumentException("parameter " + name + ": view shape " + Arrays.toString(valueView.shape())
                    + " differs from " + Arrays.toString(value.shape()));
        }
        this.value = valueView;
        this.grad = gradView;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(value.shape());
    }
}
