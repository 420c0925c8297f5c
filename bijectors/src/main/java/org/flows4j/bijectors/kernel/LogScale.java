package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise log-scale {@code log s(h)} of an affine coupling, {@code y = x·s(h) + t}, in the two forms the
 * kernels need: one element at a time for the host loops, and as ND4J ops on whole arrays for the ND4J path.
 */
public interface LogScale {

    /** {@code log s(h)}. */
    double logScale(double h);

    /** {@code d log s / dh}. */
    double derivative(double h);

    /** {@code log s(h)} element by element, a new array. */
    INDArray logScale(INDArray h);

    /** {@code d log s / dh} element by element, a new array. */
    INDArray derivative(INDArray h);
}
