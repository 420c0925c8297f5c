package org.flows4j.bijectors.image;

import java.util.List;
import org.flows4j.core.Backward;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Glow's activation normalization on {@code [N, C, H, W]}: per channel {@code y = (x + b_c) · exp(s_c)},
 * {@code log|det J| = H·W·Σ_c s_c}, with the log-scale stored as {@code s_c = f·θ_c}: θ is the trained parameter
 * and f a fixed log-scale factor. Glow's code uses f = 3, which makes each Adam step move s three times as far;
 * f = 1 is the plain parameterisation.
 *
 * <p>Data-dependent initialisation: the first forward pass (or {@link #initialize}) sets {@code b = −mean} and
 * {@code s = −log(std + 1e-6)} per channel over the batch and spatial positions, so that batch leaves with zero mean
 * and unit variance per channel. {@link #initialized()} is part of the model's state: a reloaded model is marked
 * initialised and never re-initialises. {@link #zeroInitialized} gives the same map without data initialisation,
 * starting at the identity — Glow's learned top prior {@code z ~ N(μ_c, σ_c²)} is this map with {@code b = −μ},
 * {@code s = −log σ} into a standard normal.
 */
public final class ActNorm2d implements ChannelWise, DataInitialized {
    private final int channels;
    private final Parameter bias;
    private final Parameter logScale;
    private final double logScaleFactor;
    private boolean initialized;

    /** The plain parameterisation, f = 1. */
    public ActNorm2d(int channels) {
        this(channels, 1.0);
    }

    /** With log-scale factor {@code logScaleFactor} (f > 0). */
    public ActNorm2d(int channels, double logScaleFactor) {
        if (!(logScaleFactor > 0)) {
            throw new IllegalArgumentException("ActNorm's log-scale factor must be > 0, got " + logScaleFactor);
        }
        this.channels = channels;
        this.logScaleFactor = logScaleFactor;
        bias = new Parameter("bias", Nd4j.zeros(Nd4j.defaultFloatingPointType(), channels));
        logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), channels));
    }

    /** The identity at start, trained from there: no data-dependent initialisation. */
    public static ActNorm2d zeroInitialized(int channels, double logScaleFactor) {
        ActNorm2d a = new ActNorm2d(channels, logScaleFactor);
        a.initialized = true;
        return a;
    }

    /** The number of channels C, one bias and one log-scale each. */
    public int channels() {
        return channels;
    }

    /** The fixed factor f in {@code s_c = f·θ_c} (1 for the plain parameterisation, 3 in Glow's code). */
    public double logScaleFactor() {
        return logScaleFactor;
    }

    /** {@code exp(±f·θ)} in {@code type}. */
    private INDArray scale(boolean inverse, DataType type) {
        return Transforms.exp(logScale.value().mul(inverse ? -logScaleFactor : logScaleFactor), false).castTo(type);
    }

    @Override
    public boolean initialized() {
        return initialized;
    }

    @Override
    public void markInitialized() {
        initialized = true;
    }

    /** Sets b and s from the batch {@code x} unless already initialised; returns whether it did. */
    public boolean initialize(INDArray x) {
        if (initialized) {
            return false;
        }
        INDArray mean = x.mean(0, 2, 3);
        INDArray std = x.std(false, 0, 2, 3);
        bias.value().assign(mean.neg().castTo(bias.value().dataType()));
        INDArray s = Transforms.log(std.add(1e-6), false).negi();
        logScale.value().assign(s.divi(logScaleFactor).castTo(logScale.value().dataType()));
        initialized = true;
        return true;
    }

    private static long spatial(INDArray x) {
        return x.size(2) * x.size(3);
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        initialize(x);
        INDArray y = Broadcast.add(x, bias.value().castTo(x.dataType()), x.ulike(), 1);
        Broadcast.mul(y, scale(false, x.dataType()), y, 1);
        double logDet = spatial(x) * logScaleFactor * logScale.value().sumNumber().doubleValue();
        return new Transformed(y, Nd4j.valueArrayOf(new long[] {x.size(0)}, logDet, x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        INDArray x = Broadcast.mul(y, scale(true, y.dataType()), y.ulike(), 1);
        return Broadcast.sub(x, bias.value().castTo(y.dataType()), x, 1);
    }

    /**
     * {@code dL/dx} for output {@code y} and {@code dL/dy}, adding {@code dL/db} and {@code dL/dθ = f·dL/ds} (with
     * {@code gradLogDetSum = Σ_n dL/dlogdet_n}) into the parameters' gradients.
     */
    public INDArray gradients(INDArray y, INDArray gradOutput, double gradLogDetSum) {
        INDArray gx = Broadcast.mul(gradOutput, scale(false, y.dataType()), gradOutput.ulike(), 1);
        bias.grad().addi(gx.sum(0, 2, 3).castTo(bias.grad().dataType()));
        INDArray gs = gradOutput.mul(y).sum(0, 2, 3).addi(spatial(y) * gradLogDetSum).muli(logScaleFactor);
        logScale.grad().addi(gs.castTo(logScale.grad().dataType()));
        return gx;
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray gx = gradients(y, gradOutput, gradLogDet.sumNumber().doubleValue());
        return new Backward(inverse(y), gx);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(bias, logScale);
    }

    @Override
    public String toString() {
        return "ActNorm2d[" + channels + (logScaleFactor != 1 ? ", f=" + logScaleFactor : "")
                + (initialized ? ", initialized" : "") + "]";
    }
}
