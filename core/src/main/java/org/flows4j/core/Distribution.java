package org.flows4j.core;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A base distribution p_Z over arrays of a fixed event shape, batch along dimension 0.
 *
 * <p>{@link #logProb} sums over the event dimensions (shape {@code [N]}). {@link #backward} gives
 * {@code dL/dz = (dL/dlog p)·∂log p/∂z} and adds {@code dL/dθ} into the gradients of its parameters, if any.
 */
public interface Distribution {

    /** The shape of one sample, without the batch dimension. */
    long[] eventShape();

    /** {@code log p(z)} per sample, shape {@code [N]}. */
    INDArray logProb(INDArray z);

    /** {@code n} samples drawn at temperature T (the standard deviation, or scale, multiplied by T). */
    INDArray sample(long n, double temperature, RandomGenerator random);

    /** {@code dL/dz} given {@code dL/dlog p} per sample ({@code [N]}); accumulates parameter gradients. */
    INDArray backward(INDArray z, INDArray gradLogProb);

    /** The trainable parameters whose gradients {@link #backward} accumulates; none by default. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Number of scalars in one event, the product of {@link #eventShape()}. */
    default long eventSize() {
        long n = 1;
        for (long d : eventShape()) {
            n *= d;
        }
        return n;
    }
}
