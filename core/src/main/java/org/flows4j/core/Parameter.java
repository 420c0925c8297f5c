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

    public Parameter(String name, INDArray initial) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = initial;
        this.grad = initial.ulike();
        this.grad.assign(0);
    }

    public String name() {
        return name;
    }

    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
    }

    public long[] shape() {
        return value.shape();
    }

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
