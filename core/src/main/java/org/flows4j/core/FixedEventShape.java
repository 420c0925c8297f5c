package org.flows4j.core;

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
}
