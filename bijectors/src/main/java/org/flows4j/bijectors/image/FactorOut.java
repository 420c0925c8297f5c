package org.flows4j.bijectors.image;

import java.util.ArrayList;
import java.util.List;
import org.flows4j.bijectors.nn.Layer;
import org.flows4j.bijectors.nn.ZeroConv2d;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Composite;
import org.flows4j.core.Parameter;
import org.flows4j.core.Shapes;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Multi-scale factor-out (RealNVP, Glow) as one bijector. The input {@code [N, C, H, W]} is split along channels
 * into a kept half x₁ and a factored half x₂. x₂ leaves the flow here with Glow's learned conditional prior
 * {@code x₂ ~ N(μ(x₁), exp(2·logσ(x₁)))}, {@code [μ, logσ] = ZeroConv2d(x₁)}, written as the affine map
 * {@code ε = (x₂ − μ)·exp(−logσ)} into a standard normal ({@code log|det| = −Σ logσ}); x₁ goes on through the
 * rest of the flow, which must end in a flat vector. The output is {@code [flat(ε), rest(x₁)]}, shape [N, D].
 *
 * <p>Without a prior network (RealNVP) ε = x₂. Because the prior is part of the bijector, the whole multi-scale
 * model maps data to a single standard normal, and sampling at temperature T draws every factored-out part at T.
 */
public final class FactorOut implements Bijector, Composite {
    private final int channels;
    private final int height;
    private final int width;
    private final Layer prior;
    private final Bijector rest;
    private final long factoredSize;

    /**
     * @param prior the network giving [μ, logσ] (C channels) from x₁ (C/2 channels), or null for a standard normal
     * @param rest  the flow applied to x₁, ending in a {@code [N, D₁]} array
     */
    public FactorOut(int channels, int height, int width, Layer prior, Bijector rest) {
        if (channels % 2 != 0) {
            throw new IllegalArgumentException("factor-out needs an even channel count, got " + channels);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.prior = prior;
        this.rest = rest;
        this.factoredSize = (long) (channels / 2) * height * width;
    }

    /** With Glow's learned prior: a zero-initialised 3×3 convolution from x₁ to [μ, logσ]. */
    public static FactorOut withLearnedPrior(int channels, int height, int width, Bijector rest) {
        return new FactorOut(channels, height, width, new ZeroConv2d(channels / 2, channels, 3), rest);
    }

    /** The input's event shape {@code [C, H, W]}. */
    public long[] inputShape() {
        return new long[] {channels, height, width};
    }

    /** The prior network (when there is one), then the flow applied to the kept half. */
    @Override
    public List<?> parts() {
        return prior == null ? List.of(rest) : List.of(prior, rest);
    }

    /** The flow applied to the kept half x₁. */
    public Bijector rest() {
        return rest;
    }

    /** The network giving {@code [μ, logσ]} of x₂ from x₁, or null when x₂ leaves as a standard normal. */
    public Layer prior() {
        return prior;
    }

    private INDArray channels(INDArray x, boolean first) {
        int half = channels / 2;
        INDArrayIndex range = first ? NDArrayIndex.interval(0, half) : NDArrayIndex.interval(half, channels);
        return x.get(NDArrayIndex.all(), range, NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }

    private INDArray columns(INDArray y, boolean factored) {
        long total = y.size(1);
        INDArrayIndex range = factored ? NDArrayIndex.interval(0, factoredSize) : NDArrayIndex.interval(factoredSize, total);
        return y.get(NDArrayIndex.all(), range).dup('c');
    }

    private INDArray image(INDArray flat) {
        return flat.reshape('c', flat.size(0), channels / 2, height, width);
    }

    private void checkShape(INDArray x) {
        if (x.rank() != 4 || x.size(1) != channels || x.size(2) != height || x.size(3) != width) {
            throw new IllegalArgumentException("factor-out expects [N, " + channels + ", " + height + ", " + width
                    + "], got " + java.util.Arrays.toString(x.shape()));
        }
    }

    /** {@code [C, H, W] → [(C/2)·H·W + D_rest]}, where the rest maps {@code [C/2, H, W]} to {@code [D_rest]}. */
    @Override
    public long[] forwardEventShape(long[] shape) {
        Shapes.requireEvent(this, new long[] {channels, height, width}, shape);
        long[] inner = rest.forwardEventShape(new long[] {channels / 2, height, width});
        if (inner.length != 1) {
            throw new IllegalArgumentException("FactorOut: the rest of the flow must end in flat vectors, it gives "
                    + Shapes.batchOf(inner));
        }
        return new long[] {factoredSize + inner[0]};
    }

    /** {@code [D] → [C, H, W]}, as {@link #forwardEventShape} backwards. */
    @Override
    public long[] inverseEventShape(long[] shape) {
        long[] expected = forwardEventShape(new long[] {channels, height, width});
        Shapes.requireEvent(this, expected, shape);
        return new long[] {channels, height, width};
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        checkShape(x);
        INDArray x1 = channels(x, true);
        INDArray eps = channels(x, false);
        INDArray logDet = Nd4j.zeros(x.dataType(), x.size(0));
        if (prior != null) {
            INDArray h = prior.forward(x1);
            INDArray logSigma = channels(h, false);
            eps.subi(channels(h, true)).muli(Transforms.exp(logSigma.neg(), false));
            logDet.subi(logSigma.reshape(x.size(0), factoredSize).sum(1));
        }
        Transformed inner = rest.forwardWithLogDet(x1);
        INDArray out = Nd4j.concat(1, eps.reshape(x.size(0), factoredSize), inner.output());
        return new Transformed(out, logDet.addi(inner.logDet()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        INDArray x1 = rest.inverse(columns(y, false));
        INDArray x2 = image(columns(y, true));
        if (prior != null) {
            INDArray h = prior.forward(x1);
            x2.muli(Transforms.exp(channels(h, false), false)).addi(channels(h, true));
        }
        return Nd4j.concat(1, x1, x2);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        Backward inner = rest.backward(columns(y, false), columns(gradOutput, false), gradLogDet);
        INDArray x1 = inner.input();
        INDArray gx1 = inner.gradInput();
        INDArray eps = image(columns(y, true));
        INDArray gradEps = image(columns(gradOutput, true));
        if (prior == null) {
            return new Backward(Nd4j.concat(1, x1, eps), Nd4j.concat(1, gx1, gradEps));
        }
        INDArray h = prior.forward(x1);
        INDArray sigma = Transforms.exp(channels(h, false), false);
        INDArray x2 = eps.mul(sigma).addi(channels(h, true));
        // ε = (x₂ − μ)/σ, logdet = −Σ logσ:  dL/dx₂ = g/σ,  dL/dμ = −g/σ,  dL/dlogσ = −g·ε − dL/dlogdet.
        INDArray gx2 = gradEps.div(sigma);
        INDArray gradLogSigma = gradEps.mul(eps).negi();
        gradLogSigma.subi(gradLogDet.reshape(gradLogDet.length(), 1, 1, 1));
        INDArray gradH = Nd4j.concat(1, gx2.neg(), gradLogSigma);
        gx1.addi(prior.backward(gradH));
        return new Backward(Nd4j.concat(1, x1, x2), Nd4j.concat(1, gx1, gx2));
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        if (prior != null) {
            all.addAll(prior.parameters());
        }
        all.addAll(rest.parameters());
        return all;
    }

    @Override
    public String toString() {
        return "FactorOut[" + channels + "x" + height + "x" + width + (prior != null ? ", learned prior" : "") + "] -> "
                + rest;
    }
}
