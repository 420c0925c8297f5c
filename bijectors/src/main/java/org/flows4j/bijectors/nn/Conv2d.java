package org.flows4j.bijectors.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution on {@code [N, C, H, W]} arrays with "same" zero padding and stride 1:
 * {@code y[n, o] = Σ_i W[:, :, i, o] ⋆ x[n, i] (+ b[o])}, weights stored {@code [kH, kW, C_in, C_out]}.
 *
 * <p>Runs {@link Kernels#convolution}: matrix products over zero-bordered planes on the host path, ND4J's
 * {@code conv2d} and {@code conv2d_bp} ops on the ND4J path.
 */
public final class Conv2d implements Layer {
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;
    private INDArray input;

    /** Weights drawn from N(0, std²) with {@code seed} ({@code std = 0} gives zeros); a bias if {@code withBias}. */
    public Conv2d(int in, int out, int kernel, double std, boolean withBias, long seed) {
        if (kernel % 2 != 1) {
            throw new IllegalArgumentException("kernel size must be odd for 'same' padding, got " + kernel);
        }
        this.kernel = kernel;
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[kernel * kernel * in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = std * random.nextGaussian();
        }
        weight = new Parameter("W", Nd4j.create(w, new long[] {kernel, kernel, in, out}, Nd4j.defaultFloatingPointType()));
        bias = withBias ? new Parameter("b", Nd4j.zeros(Nd4j.defaultFloatingPointType(), out)) : null;
    }

    /** The kernel size k (odd): a k×k convolution. */
    public int kernel() {
        return kernel;
    }

    /** The number of input channels. */
    public int inChannels() {
        return (int) weight.shape()[2];
    }

    /** The number of output channels. */
    public int outChannels() {
        return (int) weight.shape()[3];
    }

    /** Whether the convolution adds a per-channel bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** The kernel W, shape {@code [kH, kW, C_in, C_out]}. */
    public Parameter weight() {
        return weight;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        return Kernels.convolution(x, weight.value(), bias == null ? null : Kernels.values(bias.value()));
    }

    /** {@code dL/dx}, with {@code dL/dW} and {@code dL/db = Σ_{n,h,w} dL/dy} added into the parameters' gradients. */
    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray gradInput = Kernels.convolutionBackward(input, weight.value(), gradOutput, weight.grad());
        if (bias != null) {
            Kernels.addTo(bias.grad(), Kernels.channelSums(gradOutput, outChannels()));
        }
        input = null;
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(weight));
        if (bias != null) {
            all.add(bias);
        }
        return all;
    }

    @Override
    public String toString() {
        long[] s = weight.shape();
        return "Conv2d[" + s[2] + "->" + s[3] + ", " + kernel + "x" + kernel + "]";
    }
}
