package org.flows4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.bijectors.AdditiveMap;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.ElementwiseMap;
import org.flows4j.bijectors.image.ChannelSplit;
import org.flows4j.bijectors.image.ConvNets;
import org.flows4j.bijectors.image.FactorOut;
import org.flows4j.bijectors.image.Flatten;
import org.flows4j.bijectors.image.InvertibleConv1x1;
import org.flows4j.bijectors.image.InvertibleConv1x1Lu;
import org.flows4j.bijectors.image.Squeeze;
import org.flows4j.core.Bijector;
import org.flows4j.core.Flow;
import org.flows4j.core.dist.StandardNormal;

/**
 * Glow (Kingma &amp; Dhariwal, 2018): L levels, each a squeeze then K steps of flow — ActNorm, a channel
 * permutation, a coupling with Glow's conditioner — then a factor-out of half the channels with a learned
 * conditional prior (all levels but the last). The last level ends with a learned per-channel prior (or none) and
 * the whole model maps {@code [N, C, H, W]} pixels to one standard normal over {@code D = C·H·W} dimensions:
 * {@code log p(x) = log N(f(x); 0, I) + log|det ∂f/∂x|}. Every ActNorm (steps, conditioners, top prior) stores its
 * log-scale as {@code actNormFactor·θ}; Glow's code uses 3 (the builder's default), which speeds up their learning.
 * Affine couplings take the scale {@code s = ε + (1 − ε)·sigmoid(a + 2)} with {@code ε = scaleFloor} (0 in Glow;
 * see {@link ChannelSplit}), whose conditioner sees only the kept half of the channels.
 */
public record Glow(int channels, int height, int width, int levels, int steps, int hidden, Coupling coupling,
                   Permutation permutation, boolean learnTop, double actNormFactor, double scaleFloor, long seed)
        implements ImageFlow {

    /** The ActNorm log-scale factor of Glow's code. */
    public static final double GLOW_ACTNORM_FACTOR = 3.0;

    /** The coupling layer of each step. */
    public enum Coupling { ADDITIVE, AFFINE }

    /** How each step mixes channels before its coupling (the Glow paper's ablation). */
    public enum Permutation { REVERSE, SHUFFLE, CONV1X1, CONV1X1_LU }

    /**
     * Checks the description: image sizes, levels, steps and hidden width at least 1, a coupling and a permutation,
     * a finite {@code actNormFactor > 0}, {@code scaleFloor} in [0, 1), and height and width divisible by
     * {@code 2^levels} (one squeeze per level).
     */
    public Glow {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Glow: expected images of at least 1x1x1, got " + channels + "x" + height
                    + "x" + width);
        }
        if (levels < 1 || levels > 30 || steps < 1 || hidden < 1) {
            throw new IllegalArgumentException("Glow: expected levels in [1, 30], steps and hidden width >= 1, got "
                    + levels + ", " + steps + " and " + hidden);
        }
        if (coupling == null || permutation == null) {
            throw new IllegalArgumentException("Glow: expected a coupling and a permutation, got " + coupling + " and "
                    + permutation);
        }
        if (!(actNormFactor > 0) || Double.isInfinite(actNormFactor)) {
            throw new IllegalArgumentException("Glow's ActNorm log-scale factor must be > 0, got " + actNormFactor);
        }
        if (!(scaleFloor >= 0 && scaleFloor < 1)) {
            throw new IllegalArgumentException("Glow's coupling scale floor must be in [0, 1), got " + scaleFloor);
        }
        int side = 1 << levels;
        if (height % side != 0 || width % side != 0) {
            throw new IllegalArgumentException("Glow with " + levels + " levels needs height and width divisible by "
                    + side + ", got " + height + "x" + width);
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
        return "glow";
    }

    /** The whole model as one bijector, data → flat latent. */
    public Bijector bijector() {
        return level(0, channels, height, width, new SplittableRandom(seed));
    }

    private Bijector level(int level, int c, int h, int w, SplittableRandom seeds) {
        int sc = 4 * c;
        int sh = h / 2;
        int sw = w / 2;
        List<Bijector> parts = new ArrayList<>();
        parts.add(new Squeeze());
        for (int k = 0; k < steps; k++) {
            parts.add(new ActNorm(sc, actNormFactor));
            // Two draws per step whatever the choices, so every variant of one seed gets the same conditioner weights.
            long permutationSeed = seeds.nextLong();
            long networkSeed = seeds.nextLong();
            parts.add(switch (permutation) {
                case REVERSE -> org.flows4j.bijectors.Permutation.reverse(sc);
                case SHUFFLE -> org.flows4j.bijectors.Permutation.shuffle(sc, permutationSeed);
                case CONV1X1 -> new InvertibleConv1x1(sc, permutationSeed);
                case CONV1X1_LU -> new InvertibleConv1x1Lu(sc, permutationSeed);
            });
            ElementwiseMap map = switch (coupling) {
                case AFFINE -> AffineMap.shiftThenScale(CouplingScale.sigmoid(scaleFloor));
                case ADDITIVE -> new AdditiveMap();
            };
            var net = ConvNets.glow(sc / 2, hidden, map.parametersPerElement() * sc / 2, actNormFactor, networkSeed);
            parts.add(new org.flows4j.bijectors.Coupling(new ChannelSplit(sc), net, map));
        }
        if (level + 1 < levels) {
            parts.add(FactorOut.withLearnedPrior(sc, sh, sw, level(level + 1, sc / 2, sh, sw, seeds)));
        } else {
            if (learnTop) {
                parts.add(ActNorm.zeroInitialized(sc, actNormFactor));
            }
            parts.add(new Flatten(sc, sh, sw));
        }
        return ImageFlow.chain(parts);
    }

    @Override
    public Flow flow() {
        return new Flow(bijector(), new StandardNormal((long) channels * height * width));
    }

    /**
     * Builder; defaults: 3 levels, 8 steps, width 128, affine coupling, LU 1×1 convolution, learned top prior,
     * ActNorm log-scale factor 3, no coupling scale floor.
     */
    public static final class Builder {
        private final int channels;
        private final int height;
        private final int width;
        private int levels = 3;
        private int steps = 8;
        private int hidden = 128;
        private Coupling coupling = Coupling.AFFINE;
        private Permutation permutation = Permutation.CONV1X1_LU;
        private boolean learnTop = true;
        private double actNormFactor = GLOW_ACTNORM_FACTOR;
        private double scaleFloor = 0;
        private long seed = 0;

        private Builder(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        /** The number of levels L, each one squeeze (default 3). */
        public Builder levels(int l) {
            this.levels = l;
            return this;
        }

        /** The number of steps of flow K per level (default 8). */
        public Builder steps(int k) {
            this.steps = k;
            return this;
        }

        /** Channels of the conditioner's hidden convolutions. */
        public Builder hidden(int w) {
            this.hidden = w;
            return this;
        }

        /** The coupling layer of each step (default {@link Coupling#AFFINE}). */
        public Builder coupling(Coupling c) {
            this.coupling = c;
            return this;
        }

        /** How each step mixes channels before its coupling (default {@link Permutation#CONV1X1_LU}). */
        public Builder permutation(Permutation p) {
            this.permutation = p;
            return this;
        }

        /**
         * Whether the last level ends with a learned per-channel prior, a zero-initialised {@link ActNorm} before
         * the standard normal (default true).
         */
        public Builder learnTop(boolean on) {
            this.learnTop = on;
            return this;
        }

        /** The ActNorms' log-scale factor f in {@code s = f·θ} (1 is the plain parameterisation). */
        public Builder actNormFactor(double f) {
            this.actNormFactor = f;
            return this;
        }

        /** The floor ε of the affine couplings' scale, in [0, 1): 0 is Glow's {@code sigmoid(a + 2)}. */
        public Builder scaleFloor(double eps) {
            this.scaleFloor = eps;
            return this;
        }

        /** The seed of the permutations and conditioner weights (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The description with the settings so far; the record's constructor checks them. */
        public Glow build() {
            return new Glow(channels, height, width, levels, steps, hidden, coupling, permutation, learnTop, actNormFactor,
                    scaleFloor, seed);
        }
    }
}
