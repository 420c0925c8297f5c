package org.flows4j.models;

import static org.nd4j.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.AdditiveMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.DiagonalScaling;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;
import org.flows4j.core.Distribution;
import org.flows4j.core.Flow;
import org.flows4j.core.dist.StandardLogistic;
import org.flows4j.core.dist.StandardNormal;

/**
 * NICE (Dinh et al., 2015): {@code couplings} additive coupling layers with alternating masks and MLP conditioners,
 * then a diagonal scaling {@code y = x ⊙ exp(s)}, into a standard logistic (the paper's prior) or normal base.
 */
public record Nice(int dim, int couplings, List<Integer> hidden, Mask.Kind mask, Prior prior, long seed) {

    /** The base distribution. */
    public enum Prior { LOGISTIC, NORMAL }

    /**
     * Copies {@code hidden} and checks {@code dim ≥ 2}, {@code couplings ≥ 1}, at least one hidden layer, and that
     * the mask and prior are given.
     */
    public Nice {
        hidden = List.copyOf(hidden);
        checkArgument(dim >= 2, "NICE: expected dim >= 2, got %s", dim);
        checkArgument(couplings >= 1, "NICE: expected couplings >= 1, got %s", couplings);
        checkArgument(!hidden.isEmpty() && hidden.stream().allMatch(w -> w >= 1),
                "NICE: expected one or more hidden widths, each >= 1, got %s", hidden);
        checkArgument(mask != null && prior != null, "NICE: expected a mask and a prior, got %s and %s", mask, prior);
    }

    /** A builder for {@code dim}-dimensional data, starting from the defaults of {@link Builder}. */
    public static Builder builder(int dim) {
        return new Builder(dim);
    }

    /** The couplings and the final diagonal scaling (data → latent). */
    public Chain bijector() {
        SplittableRandom seeds = new SplittableRandom(seed);
        int[] widths = hidden.stream().mapToInt(Integer::intValue).toArray();
        List<Bijector> parts = new ArrayList<>();
        for (int k = 0; k < couplings; k++) {
            Mask m = Mask.of(mask, dim, k % 2 == 1);
            parts.add(new Coupling(m, new Mlp(m.identitySize(), widths, m.transformedSize(), seeds.nextLong()),
                    new AdditiveMap()));
        }
        parts.add(new DiagonalScaling(dim));
        return Chain.of(parts);
    }

    /** The base distribution over {@code dim} dimensions: standard logistic or normal, per {@link #prior()}. */
    public Distribution base() {
        return switch (prior) {
            case LOGISTIC -> new StandardLogistic(dim);
            case NORMAL -> new StandardNormal(dim);
        };
    }

    /** A new model: {@link #bijector()} into {@link #base()} (same description, same weights). */
    public Flow flow() {
        return new Flow(bijector(), base());
    }

    /** Builder; defaults: 4 couplings, MLP 2×128, alternating masks, logistic prior. */
    public static final class Builder {
        private final int dim;
        private int couplings = 4;
        private List<Integer> hidden = List.of(128, 128);
        private Mask.Kind mask = Mask.Kind.ALTERNATING;
        private Prior prior = Prior.LOGISTIC;
        private long seed = 0;

        private Builder(int dim) {
            this.dim = dim;
        }

        /** The number of additive coupling layers (default 4). */
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

        /** The coupling masks' kind, flipped at every other layer (default {@link Mask.Kind#ALTERNATING}). */
        public Builder mask(Mask.Kind kind) {
            this.mask = kind;
            return this;
        }

        /** The base distribution (default {@link Prior#LOGISTIC}). */
        public Builder prior(Prior p) {
            this.prior = p;
            return this;
        }

        /** The seed of the conditioner weights (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The description with the settings so far; the record's constructor checks them. */
        public Nice build() {
            return new Nice(dim, couplings, hidden, mask, prior, seed);
        }
    }
}
