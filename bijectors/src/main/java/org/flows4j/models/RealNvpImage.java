package org.flows4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Partition;
import org.flows4j.bijectors.image.ChannelSplit;
import org.flows4j.bijectors.image.ConvNets;
import org.flows4j.bijectors.image.FactorOut;
import org.flows4j.bijectors.image.Flatten;
import org.flows4j.bijectors.image.ImageMask;
import org.flows4j.bijectors.image.LogitTransform;
import org.flows4j.bijectors.image.Squeeze;
import org.flows4j.core.Bijector;
import org.flows4j.core.Flow;
import org.flows4j.core.dist.StandardNormal;

/**
 * RealNVP for images (Dinh et al., 2017): logit pre-processing, then per scale three affine couplings with
 * alternating checkerboard masks, a squeeze, three with alternating channel splits ({@link ChannelSplit}: the
 * conditioner reads the kept half of the channels and writes the other half's parameters), and a factor-out of half the
 * channels into the standard normal; the last scale has four checkerboard couplings. Conditioners are residual
 * networks ({@link ConvNets#resnet}) with ActNorm in place of batch normalisation, and the scale is Glow's
 * {@code sigmoid(a + 2)}. Each coupling is followed by an {@link ActNorm}, where RealNVP normalises the coupling's
 * output with batch statistics: the sigmoid scale can only contract, and these per-channel scales are what lets the
 * model expand the narrow dequantised pixel values.
 */
public record RealNvpImage(int channels, int height, int width, int scales, int hidden, int blocks, double alpha,
                           long seed) implements ImageFlow {

    /**
     * Checks the description: image sizes, scales and hidden width at least 1, no negative block count, a logit
     * margin in [0, 0.5), and height and width
     * divisible by {@code 2^(scales−1)} (one squeeze per scale but the last), leaving the last scale at least 2×2
     * pixels, as its checkerboard needs.
     */
    public RealNvpImage {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("RealNVP: expected images of at least 1x1x1, got " + channels + "x"
                    + height + "x" + width);
        }
        if (scales < 1 || scales > 30 || hidden < 1 || blocks < 0) {
            throw new IllegalArgumentException("RealNVP: expected scales in [1, 30], hidden width >= 1 and blocks >= 0,"
                    + " got " + scales + ", " + hidden + " and " + blocks);
        }
        if (!(alpha >= 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("RealNVP: expected the logit margin alpha in [0, 0.5), got " + alpha);
        }
        int side = 1 << (scales - 1);
        if (height % side != 0 || width % side != 0) {
            throw new IllegalArgumentException("RealNVP with " + scales + " scales needs height and width divisible by "
                    + side + ", got " + height + "x" + width);
        }
        if (height / side < 2 || width / side < 2) {
            throw new IllegalArgumentException("RealNVP with " + scales + " scales on " + height + "x" + width
                    + " images leaves a last scale of " + height / side + "x" + width / side
                    + " pixels; its checkerboard coupling needs at least 2x2 (use fewer scales)");
        }
    }

    /** A builder for images of shape {@code [channels, height, width]}, starting at the defaults of {@link Builder}. */
    public static Builder builder(int channels, int height, int width) {
        return new Builder(channels, height, width);
    }

    @Override
    public long[] eventShape() {
        return new long[] {channels, height, width};
    }

    @Override
    public String family() {
        return "realnvp";
    }

    /** The whole model as one bijector, data → flat latent: the logit transform, then the scales. */
    public Bijector bijector() {
        return ImageFlow.chain(
                List.of(new LogitTransform(alpha), scale(0, channels, height, width, new SplittableRandom(seed))));
    }

    /**
     * One coupling of a {@code channels}-channel image with its residual conditioner, which reads and writes
     * {@code conditioned} channels per parameter (all of them under a checkerboard mask, half under the channel
     * split), then an ActNorm (RealNVP's batch norm on the coupling output).
     */
    private void addStep(List<Bijector> parts, Partition partition, int channels, int conditioned,
                         SplittableRandom seeds) {
        parts.add(new Coupling(partition, ConvNets.resnet(conditioned, hidden, blocks, 2 * conditioned,
                seeds.nextLong()), AffineMap.shiftThenScale(CouplingScale.sigmoid())));
        parts.add(new ActNorm(channels));
    }

    private Bijector scale(int s, int c, int h, int w, SplittableRandom seeds) {
        List<Bijector> parts = new ArrayList<>();
        boolean last = s + 1 == scales;
        for (int k = 0; k < (last ? 4 : 3); k++) {
            addStep(parts, ImageMask.checkerboard(c, h, w, k % 2 == 1), c, c, seeds);
        }
        if (last) {
            parts.add(new Flatten(c, h, w));
            return ImageFlow.chain(parts);
        }
        parts.add(new Squeeze());
        for (int k = 0; k < 3; k++) {
            addStep(parts, new ChannelSplit(4 * c, k % 2 == 1), 4 * c, 2 * c, seeds);
        }
        parts.add(new FactorOut(4 * c, h / 2, w / 2, null, scale(s + 1, 2 * c, h / 2, w / 2, seeds)));
        return ImageFlow.chain(parts);
    }

    @Override
    public Flow flow() {
        return new Flow(bijector(), new StandardNormal((long) channels * height * width));
    }

    /** Builder; defaults: 2 scales, width 64, 2 residual blocks, α = 0.05. */
    public static final class Builder {
        private final int channels;
        private final int height;
        private final int width;
        private int scales = 2;
        private int hidden = 64;
        private int blocks = 2;
        private double alpha = 0.05;
        private long seed = 0;

        private Builder(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        /** The number of scales (default 2). */
        public Builder scales(int s) {
            this.scales = s;
            return this;
        }

        /** Channels of the residual conditioners' hidden convolutions (default 64). */
        public Builder hidden(int w) {
            this.hidden = w;
            return this;
        }

        /** The number of residual blocks per conditioner (default 2). */
        public Builder blocks(int b) {
            this.blocks = b;
            return this;
        }

        /** The logit margin α, in [0, 0.5) (default 0.05). */
        public Builder alpha(double a) {
            this.alpha = a;
            return this;
        }

        /** The seed of the conditioner weights (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The description with the settings so far; the record's constructor checks them. */
        public RealNvpImage build() {
            return new RealNvpImage(channels, height, width, scales, hidden, blocks, alpha, seed);
        }
    }
}
