package org.flows4j.testkit;

import java.util.List;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A minimal trainable bijector for the kit's own tests and examples: {@code y = x ⊙ exp(a) + b} on {@code [N, D]},
 * {@code log|det J| = Σ a}.
 */
public class ScaleShift implements Bijector {
    private final Parameter logScale;
    private final Parameter shift;

    public ScaleShift(int dim) {
        logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, dim));
        shift = new Parameter("shift", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, dim));
    }

    protected INDArray logDet(INDArray x) {
        return Nd4j.valueArrayOf(new long[] {x.size(0)}, logScale.value().sumNumber().doubleValue(), x.dataType());
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        INDArray y = x.mulRowVector(Transforms.exp(logScale.value(), true)).addiRowVector(shift.value());
        return new Transformed(y, logDet(x));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return y.subRowVector(shift.value()).muliRowVector(Transforms.exp(logScale.value().neg(), false));
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray x = inverse(y);
        shift.grad().addi(gradOutput.sum(true, 0));
        logScale.grad().addi(gradOutput.mul(y.subRowVector(shift.value())).sum(true, 0)).addi(gradLogDet.sumNumber());
        INDArray gradX = gradOutput.mulRowVector(Transforms.exp(logScale.value(), true));
        return new Backward(x, gradX);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(logScale, shift);
    }
}
