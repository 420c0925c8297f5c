package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.kernel.ChannelGradients;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Backward;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.FixedEventShape;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activation normalization (Glow) for {@code [N, D]} features: {@code y = (x + b) ⊙ exp(s)} with trainable bias b and
 * log-scale s, {@code log|det J| = Σ s}.
 *
 * <p>Data-dependent initialisation: the first call of {@link #initialize} (or the first forward pass, if nobody
 * called it) sets {@code b = −mean(x)} and {@code s = −log(std(x) + 1e-6)} per feature, so that batch comes out with
 * zero mean and unit variance. The {@link #initialized()} flag is part of the model's state: once set, it never
 * re-initialises.
 */
public final class ActNorm implements FixedEventShape, DataInitialized {
    private final int dim;
    private final Parameter bias;
    private final Parameter logScale;
    private boolean initialized;

    /** An uninitialised layer over {@code dim} features, with b = 0 and s = 0 until the first batch sets them. */
    public ActNorm(int dim) {
        this.dim = dim;
        bias = new Parameter("bias", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, dim));
        logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, dim));
    }

    /** The number of features D. */
    public int dim() {
        return dim;
    }

    /** Whether b and s have been set from data (or the layer was marked initialised when loaded). */
    @Override
    public boolean initialized() {
        return initialized;
    }

    /** Marks the layer as initialised without touching its parameters (used when loading a saved model). */
    @Override
    public void markInitialized() {
        initialized = true;
    }

    /** Sets b and s from the batch {@code x} unless already initialised; returns whether it did. */
    public boolean initialize(INDArray x) {
        if (initialized) {
            return false;
        }
        INDArray mean = x.mean(true, 0);
        INDArray std = x.std(false, true, 0);
        bias.value().assign(mean.neg().castTo(bias.value().dataType()));
        logScale.value().assign(org.nd4j.linalg.ops.transforms.Transforms.log(std.add(1e-6), false).negi()
                .castTo(logScale.value().dataType()));
        initialized = true;
        return true;
    }

    /** The bias b, a {@code [1, D]} row. */
    public Parameter bias() {
        return bias;
    }

    /** The log-scale s, a {@code [1, D]} row; the layer multiplies by {@code exp(s)}. */
    public Parameter logScale() {
        return logScale;
    }

    /** The event shape {@code [dim]}: this layer takes and keeps no other. */
    @Override
    public long[] eventShape() {
        return new long[] {dim};
    }

    /** {@code e^{s_j}} per feature. */
    private double[] scale() {
        double[] e = Kernels.values(logScale.value());
        for (int j = 0; j < dim; j++) {
            e[j] = Math.exp(e[j]);
        }
        return e;
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        initialize(x);
        double[] e = scale();
        double[] b = Kernels.values(bias.value());
        for (int j = 0; j < dim; j++) {
            b[j] *= e[j];
        }
        double sum = logScale.value().sumNumber().doubleValue();
        return new Transformed(Kernels.channelAffine(x, e, b, false),
                Nd4j.valueArrayOf(new long[] {x.size(0)}, sum, x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        double[] e = scale();
        double[] b = Kernels.values(bias.value());
        for (int j = 0; j < dim; j++) {
            e[j] = 1 / e[j];
            b[j] = -b[j];
        }
        return Kernels.channelAffine(y, e, b, false);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        // y = (x + b)·e^s:  dL/dx = g·e^s,  dL/db = e^s·Σ_n g,  dL/ds = Σ_n g·y + Σ_n dL/dlogdet.
        double[] e = scale();
        ChannelGradients g = Kernels.channelAffineBackward(y, gradOutput, e, false);
        double gld = gradLogDet.sumNumber().doubleValue();
        double[] gb = g.gradSum();
        double[] gs = g.gradOutputSum();
        for (int j = 0; j < dim; j++) {
            gb[j] *= e[j];
            gs[j] += gld;
        }
        Kernels.addTo(bias.grad(), gb);
        Kernels.addTo(logScale.grad(), gs);
        return new Backward(inverse(y), g.gradInput());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(bias, logScale);
    }

    @Override
    public String toString() {
        return "ActNorm[" + dim + (initialized ? ", initialized" : "") + "]";
    }
}
