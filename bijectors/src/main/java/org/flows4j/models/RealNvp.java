package org.flows4j.models;

import static org.nd4j.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;
import org.flows4j.core.dist.StandardNormal;

/**
 * RealNVP for tabular data (Dinh et al., 2017): {@code couplings} affine coupling layers with MLP conditioners,
 * features mixed between layers by alternating the mask or by a permutation, optionally with an {@link ActNorm}
 * before each coupling (Glow's step: actnorm, permutation, coupling), into a standard normal.
 *
 * <p>An immutable description; {@link #flow()} builds a fresh model from it (same description, same weights).
 */
public record RealNvp(int dim, int couplings, List<Integer> hidden, Mask.Kind mask, Mixing mixing,
                      CouplingScale scale, boolean actNorm, long seed) {

    /** How features move between coupling layers. */
    public enum Mixing {
        /** The same features, with the mask's roles swapped at every other layer. */
        FLIP,
        /** A reversal between layers (RealNVP's ordering). */
        REVERSE,
        /** A seeded random permutation between layers. */
        SHUFFLE
    }

    /**
     * Copies {@code hidden} and checks {@code dim ≥ 2}, {@code couplings ≥ 1}, at least one hidden layer, and that
     * the mask, mixing and scale are given.
     */
    public RealNvp {
        hidden = List.copyOf(hidden);
        checkArgument(dim >= 2, "RealNVP: expected dim >= 2, got %s", dim);
        checkArgument(couplings >= 1, "RealNVP: expected couplings >= 1, got %s", couplings);
        checkArgument(!hidden.isEmpty() && hidden.stream().allMatch(w -> w >= 1),
                "RealNVP: expected one or more hidden widths, each >= 1, got %s", hidden);
        checkArgument(mask != null && mixing != null && scale != null,
                "RealNVP: expected a mask, a mixing and a scale, got %s, %s and %s", mask, mixing, scale);
    }

    /** A builder for {@code dim}-dimensional data, starting from the defaults of {@link Builder}. */
    public static Builder builder(int dim) {
        return new Builder(dim);
    }

    /** The chain of coupling layers (data → latent). */
    public Chain bijector() {
        SplittableRandom seeds = new SplittableRandom(seed);
        int[] widths = hidden.stream().mapToInt(Integer::intValue).toArray();
        List<Bijector> parts = new ArrayList<>();
        for (int k = 0; k < couplings; k++) {
            if (actNorm) {
                parts.add(new ActNorm(dim));
            }
            if (k > 0) {
                switch (mixing) {
                    case FLIP -> { }
                    case REVERSE -> parts.add(Permutation.reverse(dim));
                    case SHUFFLE -> parts.add(Permutation.shuffle(dim, seeds.nextLong()));
                }
            }
            Mask m = Mask.of(mask, dim, mixing == Mixing.FLIP && k % 2 == 1);
            Mlp net = new Mlp(m.identitySize(), widths, 2 * m.transformedSize(), seeds.nextLong());
            parts.add(new Coupling(m, net, AffineMap.scaleThenShift(scale)));
        }
        return Chain.of(parts);
    }

    /** A new model: {@link #bijector()} into a standard normal. */
    public Flow flow() {
        return new Flow(bijector(), new StandardNormal(dim));
    }

    /** Builder with the defaults used throughout the docs. */
    public static final class Builder {
        private final int dim;
        private int couplings = 8;
        private List<Integer> hidden = List.of(128, 128);
        private Mask.Kind mask = Mask.Kind.HALF;
        private Mixing mixing = Mixing.FLIP;
        private CouplingScale scale = CouplingScale.expTanh(3.0);
        private boolean actNorm = false;
        private long seed = 0;

        private Builder(int dim) {
            this.dim = dim;
        }

        /** The number of affine coupling layers (default 8). */
        public Builder couplings(int n) {
            this.couplings = n;
            return this;
        }

        /** The widths of the conditioner MLPs' hidden layers (default 128, 128). */
        public Builder hidden(Integer... widths) {
            this.hidden = List.of(widths);
            return this;
        }

        /** The widths of the conditioner MLPs' hidden layers, as a list (copied). */
        public Builder hidden(List<Integer> widths) {
            this.hidden = List.copyOf(widths);
            return this;
        }

        /** The coupling masks' kind (default {@link Mask.Kind#HALF}). */
        public Builder mask(Mask.Kind kind) {
            this.mask = kind;
            return this;
        }

        /** How features move between coupling layers (default {@link Mixing#FLIP}). */
        public Builder mixing(Mixing m) {
            this.mixing = m;
            return this;
        }

        /** How the couplings form their log-scale (default {@code CouplingScale.expTanh(3.0)}, s ∈ (e^−3, e^3)). */
        public Builder scale(CouplingScale s) {
            this.scale = s;
            return this;
        }

        /** An {@link ActNorm} (data-initialised on the first batch) before every coupling. */
        public Builder actNorm(boolean on) {
            this.actNorm = on;
            return this;
        }

        /** The seed of the conditioner weights and shuffles (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The description with the settings so far; the record's constructor checks them. */
        public RealNvp build() {
            return new RealNvp(dim, couplings, hidden, mask, mixing, scale, actNorm, seed);
        }
    }
}
