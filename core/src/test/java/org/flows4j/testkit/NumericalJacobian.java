package org.flows4j.testkit;

import java.util.function.UnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Jacobian of a batched map at one sample by central differences in float64:
 * {@code J[:, j] = (f(x + h·e_j) − f(x − h·e_j)) / 2h}, all 2E perturbed copies pushed through as one batch.
 * A step that straddles a kink of a piecewise-linear network (ReLU) gives a wrong column; callers retry with a
 * smaller step before calling a mismatch.
 */
public final class NumericalJacobian {
    /** Default step for central differences: truncation O(h²) ≈ 1e-12, round-off O(ε·|f|/h) ≈ 1e-9 in float64. */
    public static final double STEP = 1e-6;

    private NumericalJacobian() {
    }

    /** The E×E Jacobian of {@code f} at sample {@code index} of {@code x} (E = elements per sample). */
    public static RealMatrix at(UnaryOperator<INDArray> f, INDArray x, int index) {
        return at(f, x, index, STEP);
    }

    /** As {@link #at(UnaryOperator, INDArray, int)} with step {@code step}. */
    public static RealMatrix at(UnaryOperator<INDArray> f, INDArray x, int index, double step) {
        long[] shape = x.shape();
        int e = Math.toIntExact(x.length() / shape[0]);
        double[] sample = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(index)).dup('c').reshape(e).toDoubleVector();
        double[][] rows = new double[2 * e][];
        for (int j = 0; j < e; j++) {
            rows[2 * j] = sample.clone();
            rows[2 * j][j] += step;
            rows[2 * j + 1] = sample.clone();
            rows[2 * j + 1][j] -= step;
        }
        long[] batchShape = shape.clone();
        batchShape[0] = 2L * e;
        INDArray perturbed = Nd4j.createFromArray(rows).reshape('c', batchShape);
        INDArray out = f.apply(perturbed).dup('c').reshape(2L * e, e);
        double[][] jac = new double[e][e];
        for (int j = 0; j < e; j++) {
            for (int i = 0; i < e; i++) {
                jac[i][j] = (out.getDouble(2L * j, i) - out.getDouble(2L * j + 1, i)) / (2 * step);
            }
        }
        return new Array2DRowRealMatrix(jac, false);
    }

    /** {@code log|det J|} from the LU factors (sum of log|U_ii|), −∞ for a singular matrix. */
    public static double logAbsDet(RealMatrix jacobian) {
        RealMatrix u = new LUDecomposition(jacobian, 0.0).getU();
        if (u == null) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < u.getRowDimension(); i++) {
            sum += Math.log(Math.abs(u.getEntry(i, i)));
        }
        return sum;
    }
}
