package org.flows4j.io;

import org.flows4j.bijectors.CouplingScale;

/**
 * How model files name a {@link CouplingScale}: {@code EXP_TANH} with its bound ({@code scaleBound}), or
 * {@code SIGMOID} with its floor ({@code scaleFloor}; format-1 files have none and mean 0). The switches over the sealed interface
 * are exhaustive, so a new scale cannot be written under another's name.
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

    /** The key and value of the scale's one setting: {@code scaleBound} or {@code scaleFloor}. */
    static String settingKey(CouplingScale scale) {
        return switch (scale) {
            case CouplingScale.ExpTanh e -> "scaleBound";
            case CouplingScale.Sigmoid s -> "scaleFloor";
        };
    }

    /** The value of {@link #settingKey}. */
    static double setting(CouplingScale scale) {
        return switch (scale) {
            case CouplingScale.ExpTanh e -> e.bound();
            case CouplingScale.Sigmoid s -> s.floor();
        };
    }

    /**
     * The scale named {@code name} with its setting ({@code bound} for EXP_TANH, {@code floor} for SIGMOID; NaN when
     * the file has none, refused unless {@code formerFormat}, whose SIGMOID had no floor); an unknown name is refused.
     */
    static CouplingScale of(String name, double bound, double floor, boolean formerFormat) {
        return switch (name) {
            case "EXP_TANH" -> CouplingScale.expTanh(bound);
            case "SIGMOID" -> {
                if (Double.isNaN(floor) && !formerFormat) {
                    throw new IllegalArgumentException("a SIGMOID coupling scale needs its 'scaleFloor'");
                }
                yield CouplingScale.sigmoid(Double.isNaN(floor) ? 0 : floor);
            }
            default -> throw new IllegalArgumentException("unknown coupling scale '" + name
                    + "' (EXP_TANH or SIGMOID)");
        };
    }

    /** Writes {@code scale} as {@code scale} and its setting. */
    static void write(CouplingScale scale, PartConfig out) {
        out.put("scale", name(scale)).put(settingKey(scale), setting(scale));
    }

    /** The scale {@link #write} wrote; a {@code formerFormat} part may lack the SIGMOID floor. */
    static CouplingScale read(PartConfig in, boolean formerFormat) {
        return of(in.getString("scale"), in.has("scaleBound") ? in.getDouble("scaleBound") : Double.NaN,
                in.has("scaleFloor") ? in.getDouble("scaleFloor") : Double.NaN, formerFormat);
    }
}
