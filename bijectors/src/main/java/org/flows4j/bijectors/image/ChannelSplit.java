package org.flows4j.bijectors.image;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.flows4j.bijectors.Partition;
import org.flows4j.bijectors.kernel.CouplingLayout;
import org.flows4j.core.Shapes;

/**
 * openai/glow's partition of {@code [C, H, W]} images by channel: the first half {@code x₁ = x[:C/2]} is kept and is
 * all the conditioner reads ({@code [C/2, H, W]}); the second half is transformed, and the conditioner writes one
 * {@code [C/2, H, W]} block per parameter. {@link #flipped} swaps the halves (the second kept, the first
 * transformed), as RealNVP alternates its channel couplings. Against a multiplicative channel {@link ImageMask} its
 * first convolution reads half the channels and its last writes half as many, and no work is spent on zeros. Takes
 * any height and width; the layout of the last event shape seen is kept for the next call.
 */
public final class ChannelSplit implements Partition {
    private final int channels;
    private final boolean flipped;
    private volatile CouplingLayout last;

    /** The split of {@code channels} channels, an even number of at least 2: the first half kept. */
    public ChannelSplit(int channels) {
        this(channels, false);
    }

    /**
     * The split of {@code channels} channels, an even number of at least 2: the first half kept, or the second when
     * {@code flipped}.
     */
    public ChannelSplit(int channels, boolean flipped) {
        if (channels < 2 || channels % 2 != 0) {
            throw new IllegalArgumentException("ChannelSplit: expected an even number of channels >= 2, got "
                    + channels);
        }
        this.channels = channels;
        this.flipped = flipped;
    }

    /** Whether the second half is kept and the first transformed. */
    public boolean flipped() {
        return flipped;
    }

    /** C, the number of channels it splits. */
    public int channels() {
        return channels;
    }

    /** {@code [C, H, W]} with this split's C, any H and W. */
    @Override
    public long[] checkEvent(Object who, long[] eventShape) {
        return Shapes.channels(who, channels, eventShape);
    }

    /**
     * The second half of the channels transformed and the first packed into the conditioner's input, or the other way
     * round when flipped.
     */
    @Override
    public CouplingLayout layout(long[] eventShape) {
        checkEvent("ChannelSplit", eventShape);
        CouplingLayout l = last;
        if (l == null || !Arrays.equals(l.eventShape(), eventShape)) {
            long[] half = {channels / 2, eventShape[1], eventShape[2]};
            int halfSize = Math.toIntExact(half[0] * half[1] * half[2]);
            int from = flipped ? 0 : halfSize;
            l = new CouplingLayout(eventShape, IntStream.range(from, from + halfSize).toArray(), true, half, half);
            last = l;
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelSplit s && s.channels == channels && s.flipped == flipped;
    }

    @Override
    public int hashCode() {
        return 2 * Integer.hashCode(channels) + (flipped ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ChannelSplit[" + channels + (flipped ? ", flipped" : "") + "]";
    }
}
