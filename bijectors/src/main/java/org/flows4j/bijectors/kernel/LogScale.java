package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise log-scale {@code log s(h)} of an affine coupling, {@code y = x·s(h) + t}, in the two forms the
 * kernels need: one element at a time for the host loops, and as ND4J ops on whole arrays for the ND4J path.
 */
public interface LogScale {

    /** The family of a log-scale, so that the host kernels can run the ones they know in vector form. */
    enum Form {
        /** {@code log s = B·tanh(h/B)} with the bound {@link #bound()}. */
        EXP_TANH,
        /** {@code log s = log sigmoid(h + 2)}. */
        SHIFTED_LOG_SIGMOID,
        /** Any other: the kernels call {@link #logScale(double)} and {@link #derivative(double)} per element. */
        OTHER
    }

    /** This log-scale's family; {@link Form#OTHER} unless a kernel knows it. */
    default Form form() {
        return Form.OTHER;
    }

    /** The bound B of an {@link Form#EXP_TANH} log-scale; NaN for the others. */
    default double bound() {
        return Double.NaN;
    }

    /** {@code log s(h)}. */
    double logScale(double h);

    /** {@code d log s / dh}. */
    double derivative(double h);

    /** {@code log s(h)} element by element, a new array. */
    INDArray logScale(INDArray h);

    /** {@code d log s / dh} element by element, a new array. */
    INDArray derivative(INDArray h);
}
