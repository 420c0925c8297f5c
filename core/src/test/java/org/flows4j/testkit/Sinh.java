package org.flows4j.testkit;

import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A parameter-free nonlinear bijector for the kit's own tests: {@code y = sinh(x)} elementwise,
 * {@code log|det J| = Σ log cosh(x)}, inverse {@code asinh(y)}.
 */
public final class Sinh implements Bijector {
    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        INDArray logDet = Transforms.log(Transforms.cosh(x, true), false);
        return new Transformed(Transforms.sinh(x, true), logDet.reshape('c', x.size(0), x.length() / x.size(0)).sum(1));
    }

    @Override
    public INDArray inverse(INDArray y) {
        // asinh(y) = sign(y)·log(|y| + √(y² + 1)), written with |y| to avoid cancellation for y < 0.
        INDArray a = Transforms.abs(y, true);
        INDArray root = Transforms.sqrt(a.mul(a).addi(1), false);
        return Transforms.log(root.addi(a), false).muli(Transforms.sign(y, true));
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray x = inverse(y);
        // dy/dx = cosh x; d log cosh x / dx = tanh x.
        INDArray grad = gradOutput.mul(Transforms.cosh(x, true))
                .addi(Transforms.tanh(x, true).muliColumnVector(gradLogDet.reshape(x.size(0), 1)));
        return new Backward(x, grad);
    }
}
