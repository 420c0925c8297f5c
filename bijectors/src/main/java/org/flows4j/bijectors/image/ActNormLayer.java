package org.flows4j.bijectors.image;

import java.util.List;
import org.flows4j.bijectors.nn.Layer;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ActNorm2d} used as a network layer (Glow's conditioner normalises its hidden convolutions with it):
 * {@code y = (x + b_c)·exp(s_c)} with {@code s_c = f·θ_c}, data-initialised on the first batch, no log-det.
 */
public final class ActNormLayer implements Layer, DataInitialized {
    private final ActNorm2d norm;
    private INDArray output;

    /** The plain parameterisation, f = 1. */
    public ActNormLayer(int channels) {
        this(channels, 1.0);
    }

    /** With log-scale factor {@code logScaleFactor} (see {@link ActNorm2d}). */
    public ActNormLayer(int channels, double logScaleFactor) {
        norm = new ActNorm2d(channels, logScaleFactor);
    }

    /** The per-channel ActNorm this layer applies. */
    public ActNorm2d norm() {
        return norm;
    }

    @Override
    public INDArray forward(INDArray x) {
        output = norm.forward(x);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray y = output;
        output = null;
        return norm.gradients(y, gradOutput, 0);
    }

    @Override
    public boolean initialized() {
        return norm.initialized();
    }

    @Override
    public void markInitialized() {
        norm.markInitialized();
    }

    @Override
    public List<Parameter> parameters() {
        return norm.parameters();
    }

    @Override
    public String toString() {
        return "ActNormLayer[" + norm.channels() + "]";
    }
}
