package org.flows4j.bijectors.nn;

import org.flows4j.bijectors.kernel.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code y = max(x, 0)} element-wise; {@code dL/dx = dL/dy · [y > 0]}. */
public final class Relu implements Layer {
    private INDArray output;

    @Override
    public INDArray forward(INDArray x) {
        output = Transforms.relu(x, true);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = gradOutput.dup('c');
        Kernels.reluBackwardInPlace(g, output);
        output = null;
        return g;
    }

    @Override
    public String toString() {
        return "Relu";
    }
}
