package org.flows4j.bijectors.nn;

import java.util.ArrayList;
import java.util.List;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Glow's zero-initialised output convolution: {@code y = (W ⋆ x + b) · exp(3·s_c)} per output channel, with W, b and
 * s all starting at zero, so the coupling or prior it feeds starts as the identity. The factor 3 lets the output
 * scale move faster than the weights.
 */
public final class ZeroConv2d implements Layer {
    private static final double LOG_SCALE_FACTOR = 3;
    private final Conv2d conv;
    private final Parameter logScale;
    private INDArray output;

    /** A {@code kernel}×{@code kernel} (odd) convolution from {@code in} to {@code out} channels; W, b, s all 0. */
    public ZeroConv2d(int in, int out, int kernel) {
        conv = new Conv2d(in, out, kernel, 0, true, 0);
        logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), out));
    }

    /** The convolution before the learned scale (its kernel size and channel counts describe this layer). */
    public Conv2d conv() {
        return conv;
    }

    private INDArray scale(INDArray like) {
        return Transforms.exp(logScale.value().mul(LOG_SCALE_FACTOR), false).castTo(like.dataType());
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray h = conv.forward(x);
        output = Broadcast.mul(h, scale(h), h, 1);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray gs = gradOutput.mul(output).sum(0, 2, 3).muli(LOG_SCALE_FACTOR);
        logScale.grad().addi(gs.castTo(logScale.grad().dataType()));
        output = null;
        INDArray gradPre = Broadcast.mul(gradOutput, scale(gradOutput), gradOutput.ulike(), 1);
        return conv.backward(gradPre);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(conv.parameters());
        all.add(logScale);
        return all;
    }

    @Override
    public String toString() {
        return "Zero" + conv;
    }
}
