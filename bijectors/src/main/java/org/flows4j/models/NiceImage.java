package org.flows4j.models;

import java.util.List;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.image.Flatten;
import org.flows4j.bijectors.image.LogitTransform;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;

/**
 * NICE for images (Dinh et al., 2015): the pixels flattened to a vector of {@code D = C·H·W}, then {@link Nice}'s
 * additive couplings with MLP conditioners and diagonal scaling into a standard logistic prior. With
 * {@code alpha > 0} a logit pre-processing comes first; with 0 the pixels go in as they are.
 */
public record NiceImage(int channels, int height, int width, int couplings, List<Integer> hiddenLayers, double alpha,
                        long seed) implements ImageFlow {

    /**
     * Copies {@code hiddenLayers} and checks the image sizes and couplings (at least 1), the hidden widths (at least
     * 1) and the logit margin (0 for none, or in (0, 0.5)).
     */
    public NiceImage {
        hiddenLayers = List.copyOf(hiddenLayers);
        if (channels < 1 || height < 1 || width < 1 || couplings < 1 || hiddenLayers.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("NiceImage: expected images of at least 1x1x1, couplings >= 1 and hidden "
                    + "widths >= 1, got " + channels + "x" + height + "x" + width + ", " + couplings + " and "
                    + hiddenLayers);
        }
        if (!(alpha >= 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("NiceImage: expected the logit margin alpha 0 (none) or in (0, 0.5), got "
                    + alpha);
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
        return "nice";
    }

    private Nice vectorModel() {
        return Nice.builder(channels * height * width).couplings(couplings).hidden(hiddenLayers)
                .mask(Mask.Kind.ALTERNATING).prior(Nice.Prior.LOGISTIC).seed(seed).build();
    }

    /** The whole model as one bijector, data → latent: logit (if {@code alpha > 0}), flatten, then NICE's chain. */
    public Bijector bijector() {
        Flatten flatten = new Flatten(channels, height, width);
        Chain couplingsChain = vectorModel().bijector();
        return ImageFlow.chain(alpha > 0 ? List.of(new LogitTransform(alpha), flatten, couplingsChain)
                : List.of(flatten, couplingsChain));
    }

    @Override
    public Flow flow() {
        return new Flow(bijector(), vectorModel().base());
    }

    /** Builder; defaults as in the NICE paper's MNIST model, smaller: 4 couplings, MLP 4×256, no logit. */
    public static final class Builder {
        private final int channels;
        private final int height;
        private final int width;
        private int couplings = 4;
        private List<Integer> hidden = List.of(256, 256, 256, 256);
        private double alpha = 0;
        private long seed = 0;

        private Builder(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        /** The number of additive coupling layers (default 4). */
        public Builder couplings(int n) {
            this.couplings = n;
            return this;
        }

        /** The widths of the conditioner MLPs' hidden layers (default 256, 256, 256, 256). */
        public Builder hidden(Integer... widths) {
            this.hidden = List.of(widths);
            return this;
        }

        /** The logit margin α: in (0, 0.5) a {@link LogitTransform} comes first; 0 (the default) leaves it out. */
        public Builder alpha(double a) {
            this.alpha = a;
            return this;
        }

        /** The seed of the conditioner weights (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The description with the settings so far. */
        public NiceImage build() {
            return new NiceImage(channels, height, width, couplings, hidden, alpha, seed);
        }
    }
}
