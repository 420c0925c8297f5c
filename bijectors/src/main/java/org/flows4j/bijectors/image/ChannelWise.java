package org.flows4j.bijectors.image;

import org.flows4j.core.Bijector;
import org.flows4j.core.Shapes;

/**
 * An image bijector that works per pixel on a fixed number of channels (the invertible 1×1 convolutions): it takes {@code [C, H, W]} events of its {@link #channels()} at any height and width, and keeps
 * their shape.
 */
public interface ChannelWise extends Bijector {

    /** The number of channels C. */
    int channels();

    /** {@code [C, H, W]} with this bijector's C, any H and W; the shape is kept. */
    @Override
    default long[] forwardEventShape(long[] inputShape) {
        return Shapes.channels(this, channels(), inputShape);
    }

    /** {@code [C, H, W]} with this bijector's C, any H and W; the shape is kept. */
    @Override
    default long[] inverseEventShape(long[] outputShape) {
        return Shapes.channels(this, channels(), outputShape);
    }
}
