package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.core.Backward;
import org.flows4j.core.FixedEventShape;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * NICE's diagonal scaling layer on {@code [N, D]}: {@code y = x ⊙ exp(s)} with a trainable log-scale s (initially 0);
 * {@code log|det J| = Σ s}, the same for every sample.
 */
public final class DiagonalScaling implements FixedEventShape {
    private final Parameter logScale;

    /** The identity map on {@code dim} features: s starts at 0. */
    public DiagonalScaling(int dim) {
        logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, dim));
    }

    /** The log-scale s, a {@code [1, D]} row. */
    public Parameter logScale() {
        return logScale;
    }

    /** The event shape {@code [logScale.shape()[1]]}: this layer takes and keeps no other. */
    @Override
    public long[] eventShape() {
        return new long[] {logScale.shape()[1]};
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        INDArray y = checked(x).mulRowVector(Transforms.exp(logScale.value(), true));
        return new Transformed(y, Nd4j.valueArrayOf(new long[] {x.size(0)}, logScale.value().sumNumber().doubleValue(),
                x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return checked(y).mulRowVector(Transforms.exp(logScale.value().neg(), false));
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        // dL/ds = Σ_n g⊙y + Σ_n dL/dlogdet;  dL/dx = g⊙exp(s).
        logScale.grad().addi(gradOutput.mul(y).sum(true, 0)).addi(gradLogDet.sumNumber());
        INDArray gradX = gradOutput.mulRowVector(Transforms.exp(logScale.value(), true));
        return new Backward(inverse(y), gradX);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(logScale);
    }
}
