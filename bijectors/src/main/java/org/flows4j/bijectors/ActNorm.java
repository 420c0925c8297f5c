package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.kernel.ChannelGradients;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.Parameter;
import org.flows4j.core.Shapes;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Activation normalization (Glow), per feature of {@code [N, C]} tables or per channel of {@code [N, C, H, W]} images:
 * {@code y = (x + b_c)·exp(s_c)}, {@code log|det J| = S·Σ_c s_c} with S = H·W positions per channel (1 for tables).
 * The log-scale is stored as {@code s_c = f·θ_c}: θ is the trained parameter and f a fixed log-scale factor. Glow's
 * code uses f = 3, which makes each Adam step move s three times as far; f = 1 is the plain parameterisation.
 *
 * <p>Data-dependent initialisation: the first forward pass (or {@link #initialize}) sets {@code b = −mean} and
 * {@code s = −log(std + 1e-6)} per channel over the batch (and the spatial positions), so that batch leaves with zero
 * mean and unit variance per channel. {@link #initialized()} is part of the model's state: a reloaded model is marked
 * initialised and never re-initialises. {@link #zeroInitialized} gives the same map without data initialisation,
 * starting at the identity — Glow's learned top prior {@code z ~ N(μ_c, σ_c²)} is this map with {@code b = −μ},
 * {@code s = −log σ} into a standard normal.
 */
public final class ActNorm implements Bijector, DataInitialized {
    private final int channels;
    private final Parameter bias;
    private final Parameter logScale;
    private final double logScaleFactor;
    private boolean initialized;

    /** The plain parameterisation, f = 1, over {@code channels} features or channels. */
    public ActNorm(int channels) {
        this(channels, 1.0);
    }

    /** With log-scale factor {@code logScaleFactor} (f > 0). */
    public ActNorm(int channels, double logScaleFactor) {
        if (channels < 1) {
            throw new IllegalArgumentException("ActNorm: expected at least one channel, got " + channels);
        }
        if (!(logScaleFactor > 0)) {
            throw new IllegalArgumentException("ActNorm's log-scale factor must be > 0, got " + logScaleFactor);
        }
        this.channels = channels;
        this.logScaleFactor = logScaleFactor;
        bias = new Parameter("bias", Nd4j.zeros(Nd4j.defaultFloatingPointType(), channels));
        logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), channels));
    }

    /** The identity at start, trained from there: no data-dependent initialisation. */
    public static ActNorm zeroInitialized(int channels, double logScaleFactor) {
        ActNorm a = new ActNorm(channels, logScaleFactor);
        a.initialized = true;
        return a;
    }

    /** The number of channels (features of a table) C, one bias and one log-scale each. */
    public int channels() {
        return channels;
    }

    /** The fixed factor f in {@code s_c = f·θ_c} (1 for the plain parameterisation, 3 in Glow's code). */
    public double logScaleFactor() {
        return logScaleFactor;
    }

    /** The bias b, a vector of C. */
    public Parameter bias() {
        return bias;
    }

    /** The trained log-scale θ, a vector of C; the layer multiplies by {@code exp(f·θ)}. */
    public Parameter logScale() {
        return logScale;
    }

    /** {@code [C]} or {@code [C, H, W]} with this layer's C; the shape is kept. */
    @Override
    public long[] forwardEventShape(long[] inputShape) {
        return Shapes.featuresOrChannels(this, channels, inputShape);
    }

    /** The same shapes as {@link #forwardEventShape}. */
    @Override
    public long[] inverseEventShape(long[] outputShape) {
        return forwardEventShape(outputShape);
    }

    /** {@code e^{s_c} = exp(f·θ_c)} per channel. */
    private double[] scale() {
        double[] theta = Kernels.values(logScale.value());
        double[] e = new double[channels];
        for (int c = 0; c < channels; c++) {
            e[c] = Math.exp(logScaleFactor * theta[c]);
        }
        return e;
    }

    @Override
    public boolean initialized() {
        return initialized;
    }

    @Override
    public void markInitialized() {
        initialized = true;
    }

    /** The dimensions reduced for per-channel statistics: the batch and, for images, the spatial ones. */
    private static int[] statisticsAxes(INDArray x) {
        return x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
    }

    /** Sets b and s from the batch {@code x} unless already initialised; returns whether it did. */
    public boolean initialize(INDArray x) {
        requireChannels(x);
        if (initialized) {
            return false;
        }
        INDArray mean = x.mean(statisticsAxes(x));
        INDArray std = x.std(false, statisticsAxes(x));
        bias.value().assign(mean.neg().castTo(bias.value().dataType()));
        INDArray s = Transforms.log(std.add(1e-6), false).negi();
        logScale.value().assign(s.divi(logScaleFactor).castTo(logScale.value().dataType()));
        initialized = true;
        return true;
    }

    /** S, the positions per channel: H·W for images, 1 for tables. */
    private static long positions(INDArray x) {
        return x.rank() == 2 ? 1 : x.size(2) * x.size(3);
    }

    /**
     * {@code act((x + b_c)·e^{s_c})}, data-initialising first when not yet initialised; {@code act} is ReLU when
     * {@code relu} (the fused ActNorm → ReLU of Glow's conditioner), else the identity.
     */
    public INDArray apply(INDArray x, boolean relu) {
        initialize(x);
        double[] e = scale();
        double[] b = Kernels.values(bias.value());
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            shift[c] = b[c] * e[c];
        }
        return Kernels.channelAffine(x, e, shift, relu);
    }

    private void requireChannels(INDArray x) {
        Shapes.featuresOrChannels(this, channels, Shapes.eventShape("ActNorm", x));
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        INDArray y = apply(x, false);
        double logDet = positions(x) * logScaleFactor * logScale.value().sumNumber().doubleValue();
        return new Transformed(y, Nd4j.valueArrayOf(new long[] {x.size(0)}, logDet, x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        requireChannels(y);
        double[] e = scale();
        double[] b = Kernels.values(bias.value());
        double[] inv = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            inv[c] = 1 / e[c];
            shift[c] = -b[c];
        }
        return Kernels.channelAffine(y, inv, shift, false);
    }

    /**
     * {@code dL/dx} for output {@code y = act((x + b)·e^s)} and {@code dL/dy}, adding {@code dL/db = e^s·Σ g_z} and
     * {@code dL/dθ = f·(Σ g_z·y + S·gradLogDetSum)} (with {@code g_z = dL/dy·act'} and
     * {@code gradLogDetSum = Σ_n dL/dlogdet_n}) into the parameters' gradients.
     */
    public INDArray gradients(INDArray y, INDArray gradOutput, double gradLogDetSum, boolean relu) {
        requireChannels(y);
        double[] e = scale();
        ChannelGradients g = Kernels.channelAffineBackward(y, gradOutput, e, relu);
        double[] gb = new double[channels];
        double[] gs = new double[channels];
        double positionsLogDet = positions(y) * gradLogDetSum;
        for (int c = 0; c < channels; c++) {
            gb[c] = e[c] * g.gradSum()[c];
            gs[c] = logScaleFactor * (g.gradOutputSum()[c] + positionsLogDet);
        }
        Kernels.addTo(bias.grad(), gb);
        Kernels.addTo(logScale.grad(), gs);
        return g.gradInput();
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray gx = gradients(y, gradOutput, gradLogDet.sumNumber().doubleValue(), false);
        return new Backward(inverse(y), gx);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(bias, logScale);
    }

    @Override
    public String toString() {
        return "ActNorm[" + channels + (logScaleFactor != 1 ? ", f=" + logScaleFactor : "")
                + (initialized ? ", initialized" : "") + "]";
    }

    /** One affine map per channel: {@code x = y·exp(−s_c) − b_c} recovers the input to within one rounding step. */
    @Override
    public boolean stableInverse() {
        return true;
    }
}
