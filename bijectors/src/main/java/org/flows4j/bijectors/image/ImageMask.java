package org.flows4j.bijectors.image;

import java.util.stream.IntStream;
import org.flows4j.bijectors.Partition;
import org.flows4j.bijectors.kernel.CouplingLayout;
import org.flows4j.core.Shapes;

/**
 * Which elements of a {@code [C, H, W]} event a coupling layer keeps (b = 1: passed to the network and left
 * unchanged) and which it transforms (b = 0). RealNVP's checkerboard {@code b = [(h + w + parity) even]} and
 * channel masks {@code b = [c < C/2]} (or its flip). As a coupling's {@link Partition} the mask is multiplicative:
 * the conditioner reads {@code b ⊙ x} in the event's shape and writes one event-sized block per parameter, of which
 * the transformed positions are used. Glow splits channels with {@link ChannelSplit} instead, which spends no work on
 * zeros.
 */
public final class ImageMask implements Partition {

    /** The mask pattern. */
    public enum Kind { CHECKERBOARD, CHANNEL }

    private final Kind kind;
    private final boolean flipped;
    private final int channels;
    private final int height;
    private final int width;
    private final CouplingLayout layout;

    private ImageMask(Kind kind, boolean flipped, int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("an image mask needs positive channels, height and width, got "
                    + channels + "x" + height + "x" + width);
        }
        this.kind = kind;
        this.flipped = flipped;
        this.channels = channels;
        this.height = height;
        this.width = width;
        boolean[] keep = new boolean[channels * height * width];
        for (int c = 0, e = 0; c < channels; c++) {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++, e++) {
                    boolean first = switch (kind) {
                        case CHECKERBOARD -> (h + w) % 2 == 0;
                        case CHANNEL -> c < channels / 2;
                    };
                    keep[e] = first != flipped;
                }
            }
        }
        int[] transformed = IntStream.range(0, keep.length).filter(e -> !keep[e]).toArray();
        if (transformed.length == 0 || transformed.length == keep.length) {
            throw new IllegalArgumentException("a " + kind + " mask on " + channels + "x" + height + "x" + width
                    + " keeps " + (transformed.length == 0 ? "every" : "no") + " element; a coupling needs both kept and "
                    + "transformed ones");
        }
        long[] event = {channels, height, width};
        this.layout = new CouplingLayout(event, transformed, false, event, event);
    }

    /**
     * The mask of the given kind for {@code [channels, height, width]} events, with kept and transformed elements
     * swapped if {@code flipped}; a channel mask needs at least 2 channels.
     */
    public static ImageMask of(Kind kind, int channels, int height, int width, boolean flipped) {
        if (kind == Kind.CHANNEL && channels < 2) {
            throw new IllegalArgumentException("a channel mask needs at least 2 channels, got " + channels);
        }
        return new ImageMask(kind, flipped, channels, height, width);
    }

    /** Keeps the pixels with {@code h + w} even in every channel (the odd ones if {@code flipped}). */
    public static ImageMask checkerboard(int channels, int height, int width, boolean flipped) {
        return of(Kind.CHECKERBOARD, channels, height, width, flipped);
    }

    /** Keeps the first ⌊C/2⌋ channels (the others if {@code flipped}). */
    public static ImageMask channel(int channels, int height, int width, boolean flipped) {
        return of(Kind.CHANNEL, channels, height, width, flipped);
    }

    /** The mask pattern. */
    public Kind kind() {
        return kind;
    }

    /** Whether kept and transformed elements are swapped relative to the pattern's default. */
    public boolean flipped() {
        return flipped;
    }

    /** The number of channels C of the event. */
    public int channels() {
        return channels;
    }

    /** The event shape {@code [C, H, W]}. */
    public long[] eventShape() {
        return new long[] {channels, height, width};
    }

    /** {@code [C, H, W]} of this mask and nothing else. */
    @Override
    public long[] checkEvent(Object who, long[] eventShape) {
        return Shapes.same(who, eventShape(), eventShape);
    }

    /** The elements with b = 0 transformed; the conditioner reads {@code b ⊙ x} and writes event-sized blocks. */
    @Override
    public CouplingLayout layout(long[] eventShape) {
        checkEvent("ImageMask", eventShape);
        return layout;
    }

    @Override
    public String toString() {
        return kind + (flipped ? "(flipped)" : "") + "[" + channels + "x" + height + "x" + width + "]";
    }
}
