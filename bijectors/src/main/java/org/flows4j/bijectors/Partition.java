package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.CouplingLayout;

/**
 * How a {@link Coupling} splits an event into the kept elements A, which pass unchanged and feed the conditioner,
 * and the transformed elements B. The library's partitions: {@link Mask} (an index split of table columns),
 * {@link org.flows4j.bijectors.image.ChannelSplit} (the first half of an image's channels kept, the conditioner
 * reading that half alone) and {@link org.flows4j.bijectors.image.ImageMask} (a multiplicative checkerboard or
 * channel mask b, the conditioner reading {@code b ⊙ x}).
 */
public interface Partition {

    /** Checks that {@code who} may take events of shape {@code eventShape} under this partition; returns a copy. */
    long[] checkEvent(Object who, long[] eventShape);

    /** Where the kept and transformed elements of events of this shape sit ({@link #checkEvent checked} first). */
    CouplingLayout layout(long[] eventShape);
}
