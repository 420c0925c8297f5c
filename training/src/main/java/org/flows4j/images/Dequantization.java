package org.flows4j.images;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pixels to model inputs exactly as the Glow code does it: 8-bit values reduced to {@code nBits}
 * ({@code x ← ⌊x / 2^(8 − nBits)⌋}), scaled to {@code x / nBins − ½} with {@code nBins = 2^nBits}, plus uniform noise
 * {@code U(0, 1/nBins)}. The discrete log-likelihood bound then adds {@code −D·log nBins} to the continuous
 * log-density, so {@code bits/dim = (−log p(x) + D·log nBins) / (D·log 2)}: a uniform density on [−½, ½]^D scores
 * exactly nBits.
 */
public record Dequantization(int nBits) {

    /** Checks that {@code nBits} is in 1..8. */
    public Dequantization {
        if (nBits < 1 || nBits > 8) {
            throw new IllegalArgumentException("n_bits must be in 1..8, got " + nBits);
        }
    }

    /** The number of pixel levels, {@code nBins = 2^nBits}. */
    public int bins() {
        return 1 << nBits;
    }

    /** The reduced pixel value of a byte. */
    public int reduce(int pixel) {
        return pixel >> (8 - nBits);
    }

    /**
     * Images {@code indices} of {@code set} as a {@code [B, C, H, W]} model input; with {@code random} non-null adds the
     * uniform dequantisation noise, otherwise puts each pixel at the centre of its bin.
     */
    public INDArray batch(ImageSet set, int[] indices, SplittableRandom random, DataType type) {
        int size = set.imageSize();
        float[] values = new float[indices.length * size];
        double scale = 1.0 / bins();
        byte[] pixels = set.pixels();
        for (int b = 0; b < indices.length; b++) {
            int from = indices[b] * size;
            for (int e = 0; e < size; e++) {
                double noise = random == null ? 0.5 * scale : random.nextDouble() * scale;
                values[b * size + e] = (float) (reduce(pixels[from + e] & 0xFF) * scale - 0.5 + noise);
            }
        }
        return Nd4j.create(values, new long[] {indices.length, set.channels(), set.height(), set.width()}, 'c')
                .castTo(type);
    }

    /** Bits per dimension of a mean continuous NLL (nats) over {@code dims} dimensions. */
    public double bitsPerDim(double meanNll, long dims) {
        return (meanNll + dims * Math.log(bins())) / (dims * Math.log(2));
    }

    /** Model output {@code x ∈ [−½, ½]} back to a displayable 0..255 value: its bin, clipped, spread over 0..255. */
    public int toPixel(double x) {
        int bin = (int) Math.floor((x + 0.5) * bins());
        bin = Math.max(0, Math.min(bins() - 1, bin));
        return (int) Math.round(bin * 255.0 / (bins() - 1));
    }
}
