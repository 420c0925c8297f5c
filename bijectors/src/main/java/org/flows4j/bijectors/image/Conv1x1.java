package org.flows4j.bijectors.image;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared arithmetic of the invertible 1×1 convolutions: {@code y[n, :, h, w] = W · x[n, :, h, w]} through
 * ND4J's {@code conv2d} with a 1×1 kernel, and the small C×C linear algebra in float64 (commons-math3).
 */
final class Conv1x1 {
    private static final int[] ARGUMENTS = {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0};

    private Conv1x1() {
    }

    /** W as a {@code [1, 1, C_in, C_out]} kernel: {@code K[0, 0, i, o] = W[o, i]}. */
    private static INDArray kernel(RealMatrix w, DataType type) {
        int c = w.getRowDimension();
        return Nd4j.create(w.transpose().getData()).castTo(type).reshape('c', 1, 1, c, c);
    }

    /** {@code W · x} per pixel. */
    static INDArray apply(RealMatrix w, INDArray x) {
        if (x.size(1) != w.getColumnDimension()) {
            throw new IllegalArgumentException("expected " + w.getColumnDimension() + " channels, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, kernel(w, x.dataType()))
                .addIntegerArguments(ARGUMENTS).build())[0];
    }

    /** {@code dL/dx} and {@code dL/dW = Σ_pixels (dL/dy) xᵀ} for {@code y = W · x}. */
    static Gradients gradients(RealMatrix w, INDArray x, INDArray gradOutput) {
        INDArray[] g = Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                .addInputs(x, kernel(w, x.dataType()), gradOutput).addIntegerArguments(ARGUMENTS).build());
        int c = w.getRowDimension();
        double[][] kernelGrad = g[1].castTo(DataType.DOUBLE).reshape('c', c, c).toDoubleMatrix();
        return new Gradients(g[0], new Array2DRowRealMatrix(kernelGrad, false).transpose());
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

    static RealMatrix matrix(INDArray a) {
        return new Array2DRowRealMatrix(a.castTo(DataType.DOUBLE).toDoubleMatrix(), false);
    }

    static INDArray array(RealMatrix m, DataType type) {
        return Nd4j.create(m.getData()).castTo(type);
    }

    /** {@code dL/dx} and {@code dL/dW}. */
    record Gradients(INDArray input, RealMatrix weight) {
    }
}
