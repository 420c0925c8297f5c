package org.flows4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.AdditiveCoupling;
import org.flows4j.bijectors.DiagonalScaling;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;
import org.flows4j.core.dist.Distribution;
import org.flows4j.core.dist.StandardLogistic;
import org.flows4j.core.dist.StandardNormal;

/**
 * NICE (Dinh et al., 2015): {@code couplings} additive coupling layers with alternating masks and MLP conditioners,
 * then a diagonal scaling {@code y = x ⊙ exp(s)}, into a standard logistic (the paper's prior) or normal base.
 */
public record Nice(int dim, int couplings, List<Integer> hidden, Mask.Kind mask, Prior prior, long seed) {

    /** The base distribution. */
    public enum Prior { LOGISTIC, NORMAL }

    public Nice {
        hidden = List.copyOf(hidden);
        if (dim < 2 || couplings < 1 || hidden.isEmpty()) {
            throw new IllegalArgumentException("NICE needs dim >= 2, couplings >= 1 and a hidden layer");
        }
    }

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
            parts.add(new AdditiveCoupling(m, new Mlp(m.identitySize(), widths, m.transformedSize(), seeds.nextLong())));
        }
        parts.add(new DiagonalScaling(dim));
        return Chain.of(parts);
    }

    public Distribution base() {
        return prior == Prior.LOGISTIC ? new StandardLogistic(dim) : new StandardNormal(dim);
    }

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

        public Builder couplings(int n) {
            this.couplings = n;
            return this;
        }

        public Builder hidden(Integer... widths) {
            this.hidden = List.of(widths);
            return this;
        }

        public Builder hidden(List<Integer> widths) {
            this.hidden = List.copyOf(widths);
            return this;
        }

        public Builder mask(Mask.Kind kind) {
            this.mask = kind;
            return this;
        }

        public Builder prior(Prior p) {
            this.prior = p;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Nice build() {
            return new Nice(dim, couplings, hidden, mask, prior, seed);
        }
    }
}
