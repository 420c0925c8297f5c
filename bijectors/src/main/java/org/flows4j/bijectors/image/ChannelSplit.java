package org.flows4j.bijectors.image;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.flows4j.bijectors.Partition;
import org.flows4j.bijectors.kernel.CouplingLayout;
import org.flows4j.core.Shapes;

/**
 * openai/glow's partition of {@code [C, H, W]} images by channel: the first half {@code x₁ = x[:C/2]} is kept and is
 * all the conditioner reads ({@code [C/2, H, W]}); the second half is transformed, and the conditioner writes one
 * {@code [C/2, H, W]} block per parameter. Against a multiplicative channel {@link ImageMask} its first convolution
 * reads half the channels and its last writes half as many, and no work is spent on zeros. Takes any height and
 * width.
 *
 * @param channels C, even and at least 2
 */
public record ChannelSplit(int channels) implements Partition {
    private static final Map<List<Long>, CouplingLayout> LAYOUTS = new ConcurrentHashMap<>();

    /** Checks that C is even and at least 2. */
    public ChannelSplit {
        if (channels < 2 || channels % 2 != 0) {
            throw new IllegalArgumentException("ChannelSplit: expected an even number of channels >= 2, got "
                    + channels);
        }
    }

    /** {@code [C, H, W]} with this split's C, any H and W. */
    @Override
    public long[] checkEvent(Object who, long[] eventShape) {
        return Shapes.channels(who, channels, eventShape);
    }

    /** The second half of the channels transformed; the first half packed into the conditioner's input. */
    @Override
    public CouplingLayout layout(long[] eventShape) {
        checkEvent("ChannelSplit", eventShape);
        return LAYOUTS.computeIfAbsent(Arrays.stream(eventShape).boxed().toList(), shape -> {
            long[] half = {channels / 2, eventShape[1], eventShape[2]};
            int halfSize = Math.toIntExact(half[0] * half[1] * half[2]);
            return new CouplingLayout(eventShape, IntStream.range(halfSize, 2 * halfSize).toArray(), true, half, half);
        });
    }

    @Override
    public String toString() {
        return "ChannelSplit[" + channels + "]";
    }
}
