package org.flows4j.bijectors.nn;

import java.util.List;
import org.flows4j.core.Composite;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A residual block {@code y = x + g(x)}; {@code dL/dx = dL/dy + g'ᵀ·dL/dy}. */
public final class Residual implements Layer, Composite {
    private final Layer body;

    /** The block {@code y = x + body(x)}; {@code body} must keep the input's shape. */
    public Residual(Layer body) {
        this.body = body;
    }

    /** The residual branch g. */
    public Layer body() {
        return body;
    }

    /** The body, its one part. */
    @Override
    public List<?> parts() {
        return List.of(body);
    }

    @Override
    public INDArray forward(INDArray x) {
        return body.forward(x).add(x);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        return body.backward(gradOutput).addi(gradOutput);
    }

    @Override
    public List<Parameter> parameters() {
        return body.parameters();
    }

    @Override
    public String toString() {
        return "Residual[" + body + "]";
    }
}
