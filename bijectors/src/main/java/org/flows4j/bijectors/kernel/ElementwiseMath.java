package org.flows4j.bijectors.kernel;

import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic of a coupling's element-wise map {@code y = f(x; θ)}, an invertible function of each transformed
 * element x with P parameters θ that the conditioner computes, in the two forms the kernels need: one sample's
 * transformed elements at a time as Java arrays (the host path), and whole {@code [N, K]} arrays as ND4J ops (the
 * ND4J path). Both forms compute the same functions; {@code theta[p]} holds parameter p of every element.
 *
 * <p>The host form is called once per sample with arrays of that sample's K transformed elements, so an
 * implementation is a plain loop over K that the JIT compiles for its own class. Large batches are split across the
 * kernel threads ({@link Kernels#useThreads}), so the host form is called from several threads at once: an
 * implementation keeps no state between calls.
 */
public interface ElementwiseMath {

    /** P, the number of parameters per transformed element: the conditioner outputs P blocks, one per parameter. */
    int parametersPerElement();

    /** {@code y_j = f(x_j; θ_j)} for one sample; returns {@code Σ_j log|∂y_j/∂x_j|}. */
    double forward(double[] x, double[][] theta, double[] y);

    /** {@code x_j = f⁻¹(y_j; θ_j)} for one sample. */
    void inverse(double[] y, double[][] theta, double[] x);

    /**
     * For one sample, from the output y, {@code dL/dy} and {@code dL/dlogdet}: writes {@code x = f⁻¹(y)},
     * {@code dL/dx = dL/dy · ∂y/∂x} and {@code dL/dθ_p = dL/dy · ∂y/∂θ_p + dL/dlogdet · ∂log|∂y/∂x|/∂θ_p}.
     */
    void backward(double[] y, double[] gradOutput, double gradLogDet, double[][] theta, double[] x, double[] gradInput,
                  double[][] gradTheta);

    /** {@link #forward(double[], double[][], double[])} on {@code [N, K]} arrays; the log-det has shape {@code [N]}. */
    Transformed forward(INDArray x, INDArray[] theta);

    /** {@link #inverse(double[], double[][], double[])} on {@code [N, K]} arrays. */
    INDArray inverse(INDArray y, INDArray[] theta);

    /** {@link #backward(double[], double[], double, double[][], double[], double[], double[][])} on {@code [N, K]}
     * arrays, with {@code gradLogDet} of shape {@code [N, 1]}. */
    MapGradients backward(INDArray y, INDArray gradOutput, INDArray gradLogDet, INDArray[] theta);
}
