package org.flows4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bijector defined on events of one fixed shape, which it keeps (a coupling, a permutation, a per-feature scaling):
 * it states the shape once in {@link #eventShape()}, and {@link #forwardEventShape} and {@link #inverseEventShape}
 * accept that shape only, failing as {@link Shapes#requireEvent} does for any other.
 */
public interface FixedEventShape extends Bijector {

    /** The shape of one event, without the batch dimension, that this bijector takes and gives. */
    long[] eventShape();

    /** {@link #eventShape()} and nothing else. */
    @Override
    default long[] forwardEventShape(long[] inputShape) {
        return Shapes.same(this, eventShape(), inputShape);
    }

    /** {@link #eventShape()} and nothing else. */
    @Override
    default long[] inverseEventShape(long[] outputShape) {
        return Shapes.same(this, eventShape(), outputShape);
    }

    /**
     * Checks an array handed to this bijector directly, outside a {@link Flow} or {@link Chain} (which check at their
     * boundary): a batch {@code [N, eventShape…]} with N ≥ 1 of a floating-point type; returns it.
     */
    default INDArray checked(INDArray x) {
        String who = getClass().getSimpleName();
        Shapes.requireBatch(who, x, eventShape());
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(who + ": expected a floating-point array, got " + x.dataType());
        }
        return x;
    }
}
