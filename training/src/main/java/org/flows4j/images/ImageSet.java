package org.flows4j.images;

import java.util.Arrays;

/**
 * A set of 8-bit images {@code [N, C, H, W]} in c order, with optional integer labels ({@code null} when the source
 * has none). Immutable: the transforms return new sets.
 */
public record ImageSet(byte[] pixels, int[] labels, int count, int channels, int height, int width) {

    /**
     * Checks that {@code pixels} holds exactly {@code count·channels·height·width} bytes and that {@code labels},
     * when given, has one entry per image. The arrays are kept, not copied.
     */
    public ImageSet {
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException("pixel buffer holds " + pixels.length + " bytes, shape [" + count + ", "
                    + channels + ", " + height + ", " + width + "] needs " + (long) count * channels * height * width);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
        }
    }

    /** The number of bytes per image, {@code C·H·W}. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Pixel value 0..255 of image {@code n}, channel {@code c}, row {@code h}, column {@code w}. */
    public int pixel(int n, int c, int h, int w) {
        return pixels[((n * channels + c) * height + h) * width + w] & 0xFF;
    }

    /** The label of image {@code n}; a set without labels throws {@link IllegalStateException}. */
    public int label(int n) {
        if (labels == null) {
            throw new IllegalStateException("this image set has no labels");
        }
        return labels[n];
    }

    /**
     * Centred zero-padding (or cropping, where smaller) to {@code targetHeight × targetWidth}; the Glow code pads
     * 28×28 MNIST to 32×32 this way.
     */
    public ImageSet resizeCanvas(int targetHeight, int targetWidth) {
        if (targetHeight == height && targetWidth == width) {
            return this;
        }
        byte[] out = new byte[count * channels * targetHeight * targetWidth];
        int dh = (targetHeight - height) / 2;
        int dw = (targetWidth - width) / 2;
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < channels; c++) {
                for (int h = 0; h < targetHeight; h++) {
                    int sh = h - dh;
                    if (sh < 0 || sh >= height) {
                        continue;
                    }
                    for (int w = 0; w < targetWidth; w++) {
                        int sw = w - dw;
                        if (sw >= 0 && sw < width) {
                            out[((n * channels + c) * targetHeight + h) * targetWidth + w] =
                                    pixels[((n * channels + c) * height + sh) * width + sw];
                        }
                    }
                }
            }
        }
        return new ImageSet(out, labels, count, channels, targetHeight, targetWidth);
    }

    /** The first {@code n} images, all of them when the set has fewer; {@code n} must be ≥ 0. */
    public ImageSet head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("ImageSet.head: expected a count >= 0, got " + n);
        }
        int m = Math.min(n, count);
        return new ImageSet(Arrays.copyOf(pixels, m * imageSize()), labels == null ? null : Arrays.copyOf(labels, m), m,
                channels, height, width);
    }

    /** The images whose label is {@code label}. */
    public ImageSet withLabel(int label) {
        int[] keep = java.util.stream.IntStream.range(0, count).filter(i -> label(i) == label).toArray();
        byte[] out = new byte[keep.length * imageSize()];
        int[] outLabels = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            System.arraycopy(pixels, keep[i] * imageSize(), out, i * imageSize(), imageSize());
            outLabels[i] = label;
        }
        return new ImageSet(out, outLabels, keep.length, channels, height, width);
    }

    /** The shape of one image, {@code [C, H, W]}. */
    public long[] eventShape() {
        return new long[] {channels, height, width};
    }
}
