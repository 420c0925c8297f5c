package org.flows4j.bijectors.image;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.flows4j.bijectors.kernel.ChannelMixGradients;
import org.flows4j.bijectors.kernel.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared arithmetic of the invertible 1×1 convolutions: {@code y[n, :, h, w] = W · x[n, :, h, w]} as the kernel
 * layer's {@link Kernels#channelMix}, and the small C×C linear algebra in float64 (commons-math3).
 */
final class Conv1x1 {
    private Conv1x1() {
    }

    /** W row-major: {@code w[o·C + i] = W[o, i]}. */
    private static double[] rowMajor(RealMatrix w) {
        int c = w.getRowDimension();
        double[] v = new double[c * c];
        for (int o = 0; o < c; o++) {
            System.arraycopy(w.getRow(o), 0, v, o * c, c);
        }
        return v;
    }

    /** {@code W · x} per pixel. */
    static INDArray apply(RealMatrix w, INDArray x) {
        if (x.size(1) != w.getColumnDimension()) {
            throw new IllegalArgumentException("expected " + w.getColumnDimension() + " channels, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return Kernels.channelMix(x, rowMajor(w));
    }

    /** {@code dL/dx} and {@code dL/dW = Σ_pixels (dL/dy) xᵀ} for {@code y = W · x}. */
    static Gradients gradients(RealMatrix w, INDArray x, INDArray gradOutput) {
        int c = w.getRowDimension();
        ChannelMixGradients g = Kernels.channelMixBackward(x, rowMajor(w), gradOutput);
        double[][] weight = new double[c][c];
        for (int o = 0; o < c; o++) {
            System.arraycopy(g.gradWeight(), o * c, weight[o], 0, c);
        }
        return new Gradients(g.gradInput(), new Array2DRowRealMatrix(weight, false));
    }

    /** log|det W| from an LU factorisation in float64. */
    static double logAbsDet(RealMatrix w) {
        RealMatrix u = new LUDecomposition(w, 0.0).getU();
        if (u == null) {
            throw new IllegalStateException("the 1x1 convolution's weight matrix is singular");
        }
        double sum = 0;
        for (int i = 0; i < u.getRowDimension(); i++) {
            sum += Math.log(Math.abs(u.getEntry(i, i)));
        }
        return sum;
    }

    static RealMatrix inverse(RealMatrix w) {
        return new LUDecomposition(w, 0.0).getSolver().getInverse();
    }

    /** A random rotation: the Q factor of a Gaussian matrix (Glow's initialisation). */
    static RealMatrix randomRotation(int c, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] a = new double[c][c];
        for (double[] row : a) {
            for (int j = 0; j < c; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return new org.apache.commons.math3.linear.QRDecomposition(new Array2DRowRealMatrix(a, false)).getQ();
    }

    /** A {@code [rows, cols]} array as a float64 matrix, read in one pass ({@link Kernels#values}). */
    static RealMatrix matrix(INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got shape " + java.util.Arrays.toString(a.shape()));
        }
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        double[] v = Kernels.values(a);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, r * cols, m[r], 0, cols);
        }
        return new Array2DRowRealMatrix(m, false);
    }

    static INDArray array(RealMatrix m, DataType type) {
        return Nd4j.create(m.getData()).castTo(type);
    }

    /** {@code dL/dx} and {@code dL/dW}. */
    record Gradients(INDArray input, RealMatrix weight) {
    }
}
