package org.flows4j.bijectors.image;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Backward;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Glow's invertible 1×1 convolution in LU form: {@code W = P · L · (U + diag(sign · exp(log s)))} with P a fixed
 * permutation, L unit lower triangular, U strictly upper triangular, and the signs frozen, so
 * {@code log|det J| = H·W·Σ log s} costs O(C) instead of O(C³).
 *
 * <p>Initialised from the LU factors of a random rotation. L and U are stored as full C×C arrays whose entries
 * outside the strict lower (upper) triangle are ignored and get zero gradient.
 */
public final class InvertibleConv1x1Lu implements ChannelWise {
    private final int channels;
    private final long seed;
    private final RealMatrix permutation;
    private final double[] sign;
    private final Parameter lower;
    private final Parameter upper;
    private final Parameter logS;

    /**
     * A convolution over {@code channels} channels whose P, L, U, signs and log s are the LU factors of a random
     * rotation drawn from {@code seed}.
     */
    public InvertibleConv1x1Lu(int channels, long seed) {
        this.channels = channels;
        this.seed = seed;
        LUDecomposition lu = new LUDecomposition(Conv1x1.randomRotation(channels, seed), 0.0);
        // commons-math3 factors P_cm·A = L·U, so A = P_cmᵀ·L·U.
        permutation = lu.getP().transpose();
        RealMatrix u = lu.getU();
        sign = new double[channels];
        double[] logs = new double[channels];
        RealMatrix strictUpper = new Array2DRowRealMatrix(channels, channels);
        for (int i = 0; i < channels; i++) {
            sign[i] = Math.signum(u.getEntry(i, i));
            logs[i] = Math.log(Math.abs(u.getEntry(i, i)));
            for (int j = i + 1; j < channels; j++) {
                strictUpper.setEntry(i, j, u.getEntry(i, j));
            }
        }
        RealMatrix strictLower = lu.getL().subtract(MatrixUtils.createRealIdentityMatrix(channels));
        lower = new Parameter("L", Conv1x1.array(strictLower, Nd4j.defaultFloatingPointType()));
        upper = new Parameter("U", Conv1x1.array(strictUpper, Nd4j.defaultFloatingPointType()));
        logS = new Parameter("logS", Nd4j.create(logs).castTo(Nd4j.defaultFloatingPointType()));
    }

    /** The number of channels C. */
    public int channels() {
        return channels;
    }

    /** The seed of the initial rotation, which fixes the permutation P and the signs of U's diagonal. */
    public long seed() {
        return seed;
    }

    /** {@code L' = strict lower part of L + I}. */
    private RealMatrix unitLower() {
        RealMatrix l = Conv1x1.matrix(lower.value());
        RealMatrix out = MatrixUtils.createRealIdentityMatrix(channels);
        for (int i = 0; i < channels; i++) {
            for (int j = 0; j < i; j++) {
                out.setEntry(i, j, l.getEntry(i, j));
            }
        }
        return out;
    }

    /** {@code M = strict upper part of U + diag(sign · exp(log s))}. */
    private RealMatrix upperWithDiagonal() {
        RealMatrix u = Conv1x1.matrix(upper.value());
        double[] logs = Kernels.values(logS.value());
        RealMatrix out = new Array2DRowRealMatrix(channels, channels);
        for (int i = 0; i < channels; i++) {
            out.setEntry(i, i, sign[i] * Math.exp(logs[i]));
            for (int j = i + 1; j < channels; j++) {
                out.setEntry(i, j, u.getEntry(i, j));
            }
        }
        return out;
    }

    /** The current W = P·L'·M. */
    public RealMatrix weight() {
        return permutation.multiply(unitLower()).multiply(upperWithDiagonal());
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        double logDet = x.size(2) * x.size(3) * logS.value().sumNumber().doubleValue();
        return new Transformed(Conv1x1.apply(weight(), x), Nd4j.valueArrayOf(new long[] {x.size(0)}, logDet, x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return Conv1x1.apply(Conv1x1.inverse(weight()), y);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        RealMatrix l = unitLower();
        RealMatrix m = upperWithDiagonal();
        RealMatrix pl = permutation.multiply(l);
        RealMatrix w = pl.multiply(m);
        INDArray x = Conv1x1.apply(Conv1x1.inverse(w), y);
        Conv1x1.Gradients g = Conv1x1.gradients(w, x, gradOutput);
        RealMatrix gradW = g.weight();
        RealMatrix gradL = permutation.transpose().multiply(gradW).multiply(m.transpose());
        RealMatrix gradM = pl.transpose().multiply(gradW);
        double logDetWeight = y.size(2) * y.size(3) * gradLogDet.sumNumber().doubleValue();
        double[][] gl = new double[channels][channels];
        double[][] gu = new double[channels][channels];
        double[] gs = new double[channels];
        for (int i = 0; i < channels; i++) {
            for (int j = 0; j < i; j++) {
                gl[i][j] = gradL.getEntry(i, j);
            }
            for (int j = i + 1; j < channels; j++) {
                gu[i][j] = gradM.getEntry(i, j);
            }
            gs[i] = gradM.getEntry(i, i) * m.getEntry(i, i) + logDetWeight;
        }
        lower.grad().addi(Nd4j.create(gl).castTo(lower.grad().dataType()));
        upper.grad().addi(Nd4j.create(gu).castTo(upper.grad().dataType()));
        logS.grad().addi(Nd4j.create(gs).castTo(logS.grad().dataType()));
        return new Backward(x, g.input());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(lower, upper, logS);
    }

    @Override
    public String toString() {
        return "InvertibleConv1x1Lu[" + channels + "]";
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
