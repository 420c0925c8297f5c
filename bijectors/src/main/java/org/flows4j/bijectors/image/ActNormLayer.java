package org.flows4j.bijectors.image;

import java.util.List;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.bijectors.nn.Layer;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ActNorm} used as a network layer (Glow's conditioner normalises its hidden convolutions with it):
 * {@code y = (x + b_c)·exp(s_c)} with {@code s_c = f·θ_c}, data-initialised on the first batch, no log-det; with
 * {@code relu}, followed by a ReLU in the same pass over the array ({@code y = max((x + b_c)·exp(s_c), 0)}).
 */
public final class ActNormLayer implements Layer, DataInitialized {
    private final ActNorm norm;
    private final boolean relu;
    private INDArray output;

    /** The plain parameterisation, f = 1, no ReLU. */
    public ActNormLayer(int channels) {
        this(channels, 1.0, false);
    }

    /** With log-scale factor {@code logScaleFactor} (see {@link ActNorm}), followed by a ReLU if {@code relu}. */
    public ActNormLayer(int channels, double logScaleFactor, boolean relu) {
        norm = new ActNorm(channels, logScaleFactor);
        this.relu = relu;
    }

    /** Whether a ReLU follows the normalisation in the same pass. */
    public boolean relu() {
        return relu;
    }

    /** The per-channel ActNorm this layer applies. */
    public ActNorm norm() {
        return norm;
    }

    @Override
    public INDArray forward(INDArray x) {
        output = norm.apply(x, relu);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray y = output;
        output = null;
        return norm.gradients(y, gradOutput, 0, relu);
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
        return "ActNormLayer[" + norm.channels() + (relu ? ", relu" : "") + "]";
    }
}
