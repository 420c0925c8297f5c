package org.flows4j.bijectors.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An element-wise log-scale {@code log s(h)} of an affine map, {@code y = x·s(h) + t} or {@code (x + t)·s(h)}, in the
 * two forms the kernels need: one element at a time for the host loops, and as ND4J ops on whole arrays for the ND4J
 * path.
 */
public interface LogScale {

    /** {@code log s(h)}. */
    double logScale(double h);

    /** {@code s(h)} given h and {@code log s(h)}: its exponential unless the form has a direct expression. */
    default double scale(double h, double logScale) {
        return Math.exp(logScale);
    }

    /** {@code s(h)} where {@code log s} is not needed too: {@link #scale(double, double)} of {@code logScale(h)}. */
    default double scale(double h) {
        return scale(h, logScale(h));
    }

    /** {@code d log s / dh}. */
    double derivative(double h);

    /** {@code log s(h)} element by element, a new array. */
    INDArray logScale(INDArray h);

    /** {@code s(h)} element by element, a new array. */
    default INDArray scale(INDArray h) {
        return Transforms.exp(logScale(h), false);
    }

    /** {@code d log s / dh} element by element, a new array. */
    INDArray derivative(INDArray h);
}
