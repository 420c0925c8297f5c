package org.flows4j.bijectors.image;

/**
 * Which elements of a {@code [C, H, W]} event a coupling layer keeps (b = 1: passed to the network and left
 * unchanged) and which it transforms (b = 0). RealNVP's checkerboard {@code b = [(h + w + parity) even]} and
 * channel masks {@code b = [c < C/2]} (or its flip); Glow uses the channel mask.
 */
public final class ImageMask {

    /** The mask pattern. */
    public enum Kind { CHECKERBOARD, CHANNEL }

    private final Kind kind;
    private final boolean flipped;
    private final int channels;
    private final int height;
    private final int width;
    private final boolean[] keep;

    private ImageMask(Kind kind, boolean flipped, int channels, int height, int width) {
        this.kind = kind;
        this.flipped = flipped;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.keep = new boolean[channels * height * width];
        for (int c = 0, e = 0; c < channels; c++) {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++, e++) {
                    boolean first = kind == Kind.CHECKERBOARD ? (h + w) % 2 == 0 : c < channels / 2;
                    keep[e] = first != flipped;
                }
            }
        }
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

    /** Whether element {@code e} (flat index within one {@code [C, H, W]} event) is kept. */
    public boolean keeps(int e) {
        return keep[e];
    }

    /** The number of elements in one event, {@code C·H·W}. */
    public int eventSize() {
        return keep.length;
    }

    /** The event shape {@code [C, H, W]}. */
    public long[] eventShape() {
        return new long[] {channels, height, width};
    }

    @Override
    public String toString() {
        return kind + (flipped ? "(flipped)" : "") + "[" + channels + "x" + height + "x" + width + "]";
    }
}
