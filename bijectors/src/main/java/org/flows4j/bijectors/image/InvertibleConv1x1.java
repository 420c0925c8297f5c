package org.flows4j.bijectors.image;

import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;
import org.flows4j.core.Backward;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Glow's invertible 1×1 convolution, plain form: a learned C×C matrix W mixes the channels of every pixel,
 * {@code y[n, :, h, w] = W · x[n, :, h, w]}, {@code log|det J| = H·W·log|det W|}.
 *
 * <p>W starts as a random rotation (log-det 0). {@code log|det W|}, {@code W⁻¹} and
 * {@code ∂ log|det W| / ∂W = W⁻ᵀ} are computed in float64 whatever the model's precision.
 */
public final class InvertibleConv1x1 implements ChannelWise {
    private final Parameter weight;

    /** A convolution over {@code channels} channels whose W starts as a random rotation drawn from {@code seed}. */
    public InvertibleConv1x1(int channels, long seed) {
        weight = new Parameter("W", Conv1x1.array(Conv1x1.randomRotation(channels, seed), Nd4j.defaultFloatingPointType()));
    }

    /** The C×C mixing matrix W. */
    public Parameter weight() {
        return weight;
    }

    private RealMatrix w() {
        return Conv1x1.matrix(weight.value());
    }

    /** The number of channels C it mixes or reorders. */
    @Override
    public int channels() {
        return (int) weight.shape()[0];
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        RealMatrix w = w();
        double logDet = x.size(2) * x.size(3) * Conv1x1.logAbsDet(w);
        return new Transformed(Conv1x1.apply(w, x), Nd4j.valueArrayOf(new long[] {x.size(0)}, logDet, x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return Conv1x1.apply(Conv1x1.inverse(w()), y);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        RealMatrix w = w();
        RealMatrix wInverse = Conv1x1.inverse(w);
        INDArray x = Conv1x1.apply(wInverse, y);
        Conv1x1.Gradients g = Conv1x1.gradients(w, x, gradOutput);
        double logDetWeight = y.size(2) * y.size(3) * gradLogDet.sumNumber().doubleValue();
        RealMatrix gradW = g.weight().add(wInverse.transpose().scalarMultiply(logDetWeight));
        weight.grad().addi(Conv1x1.array(gradW, weight.grad().dataType()));
        return new Backward(x, g.input());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public String toString() {
        return "InvertibleConv1x1[" + weight.shape()[0] + "]";
    }

    /**
     * One C×C linear map per pixel, W a rotation at the start: {@code x = W⁻¹·y} recovers the input to within
     * rounding times W's condition number.
     */
    @Override
    public boolean stableInverse() {
        return true;
    }
}
