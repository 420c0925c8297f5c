package org.flows4j.io;

import org.flows4j.bijectors.CouplingScale;

/**
 * How model files name a {@link CouplingScale}: {@code EXP_TANH} with its bound, or {@code SIGMOID}. The switch over
 * the sealed interface is exhaustive, so a new scale cannot be written under another's name.
 */
final class CouplingScales {
    private CouplingScales() {
    }

    /** The scale's name in a model file. */
    static String name(CouplingScale scale) {
        return switch (scale) {
            case CouplingScale.ExpTanh e -> "EXP_TANH";
            case CouplingScale.Sigmoid s -> "SIGMOID";
        };
    }

    /** The scale's bound, or NaN for a scale without one. */
    static double bound(CouplingScale scale) {
        return switch (scale) {
            case CouplingScale.ExpTanh e -> e.bound();
            case CouplingScale.Sigmoid s -> Double.NaN;
        };
    }

    /** The scale named {@code name} (with {@code bound} for EXP_TANH); an unknown name is refused. */
    static CouplingScale of(String name, double bound) {
        return switch (name) {
            case "EXP_TANH" -> CouplingScale.expTanh(bound);
            case "SIGMOID" -> CouplingScale.sigmoid();
            default -> throw new IllegalArgumentException("unknown coupling scale '" + name
                    + "' (EXP_TANH or SIGMOID)");
        };
    }
}
