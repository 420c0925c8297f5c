package org.flows4j.training;

import java.util.List;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Standardization;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;
import org.flows4j.models.Nice;
import org.flows4j.models.RealNvp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tabular flow architecture by name, with a fixed standardization fitted on the training rows put first, so the
 * model trains on unit-scale features and reports log-densities in the data's own units.
 */
public record TabularModel(Kind kind, int couplings, List<Integer> hidden, Mask.Kind mask, RealNvp.Mixing mixing,
                           CouplingScale scale, boolean actNorm, long seed) {

    /** The architectures offered for tabular data. */
    public enum Kind { NICE, REALNVP }

    /** RealNVP's default mixing, and the one a NICE model records (it has no mixing of its own). */
    public static final RealNvp.Mixing DEFAULT_MIXING = RealNvp.Mixing.SHUFFLE;
    /** RealNVP's default scale, {@code exp∘tanh} with bound 3, and the one a NICE model records. */
    public static final CouplingScale DEFAULT_SCALE = CouplingScale.expTanh(3.0);

    /**
     * The architecture {@code kind} with {@code couplings} layers and MLP conditioners of {@code hidden} widths
     * (copied); {@code mixing}, {@code scale} and {@code actNorm} apply to RealNVP only, and a NICE model must
     * keep {@link #DEFAULT_MIXING}, {@link #DEFAULT_SCALE} and no ActNorm. Every choice must be given, with at least
     * one coupling and hidden widths ≥ 1.
     */
    public TabularModel {
        if (kind == null || mask == null || mixing == null || scale == null) {
            throw new IllegalArgumentException("TabularModel: expected a kind, mask, mixing and scale, got " + kind
                    + ", " + mask + ", " + mixing + " and " + scale);
        }
        hidden = List.copyOf(hidden);
        if (couplings < 1 || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("TabularModel: expected couplings >= 1 and hidden widths >= 1, got "
                    + couplings + " and " + hidden);
        }
        if (kind == Kind.NICE && (mixing != DEFAULT_MIXING || !scale.equals(DEFAULT_SCALE) || actNorm)) {
            throw new IllegalArgumentException("TabularModel: mixing, scale and actNorm apply to REALNVP only; a NICE "
                    + "model keeps " + DEFAULT_MIXING + ", " + DEFAULT_SCALE + " and false, got " + mixing + ", "
                    + scale + " and " + actNorm);
        }
    }

    /** The documented defaults: alternating masks for NICE; half masks with shuffles between layers for RealNVP. */
    public TabularModel(Kind kind, int couplings, List<Integer> hidden, long seed) {
        this(kind, couplings, hidden, switch (kind) {
            case NICE -> Mask.Kind.ALTERNATING;
            case REALNVP -> Mask.Kind.HALF;
        },
                DEFAULT_MIXING, DEFAULT_SCALE, false, seed);
    }

    /** A new flow for data like {@code train} (its column statistics fix the standardization). */
    public Flow build(INDArray train) {
        return build(Standardization.fit(train));
    }

    /** A new flow with the given standardization in front (as when a saved model is loaded). */
    public Flow build(Standardization standardize) {
        int dim = standardize.mean().length;
        Flow inner = switch (kind) {
            case NICE -> Nice.builder(dim).couplings(couplings).hidden(hidden).mask(mask).seed(seed).build().flow();
            case REALNVP -> RealNvp.builder(dim).couplings(couplings).hidden(hidden).mask(mask).mixing(mixing)
                    .scale(scale).actNorm(actNorm).seed(seed).build().flow();
        };
        return new Flow(Chain.of(standardize, inner.bijector()), inner.base());
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        String mixed = switch (kind) {
            case NICE -> "";
            case REALNVP -> ", " + mixing.name().toLowerCase(java.util.Locale.ROOT);
        };
        return name + "(" + couplings + "x, MLP " + hidden + mixed + (actNorm ? ", actnorm" : "") + ")";
    }
}
