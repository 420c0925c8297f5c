package org.flows4j.bijectors.nn;

import java.util.ArrayList;
import java.util.List;
import org.flows4j.bijectors.kernel.ChannelGradients;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /** {@code exp(3·s_c)} per output channel. */
    private double[] scale() {
        double[] s = Kernels.values(logScale.value());
        for (int c = 0; c < s.length; c++) {
            s[c] = Math.exp(LOG_SCALE_FACTOR * s[c]);
        }
        return s;
    }

    @Override
    public INDArray forward(INDArray x) {
        output = Kernels.channelAffine(conv.forward(x), scale(), null, false);
        return output;
    }

    /** {@code dL/ds_c = 3·Σ dL/dy·y} and {@code dL/d(conv) = dL/dy·exp(3·s_c)}, then the convolution's backward pass. */
    @Override
    public INDArray backward(INDArray gradOutput) {
        ChannelGradients g = Kernels.channelAffineBackward(output, gradOutput, scale(), false);
        double[] gs = g.gradOutputSum();
        for (int c = 0; c < gs.length; c++) {
            gs[c] *= LOG_SCALE_FACTOR;
        }
        Kernels.addTo(logScale.grad(), gs);
        output = null;
        return conv.backward(g.gradInput());
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
