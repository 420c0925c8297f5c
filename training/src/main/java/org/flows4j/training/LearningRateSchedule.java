package org.flows4j.training;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning rate at each optimizer step t: a linear warm-up from 0 over {@code warmupSteps} w, then
 * <ul>
 *   <li>constant: {@code lr};</li>
 *   <li>cosine: a decay to 0 at {@code totalSteps} T, {@code lr_t = lr · ½(1 + cos(π·(t − w)/(T − w)))};</li>
 *   <li>wsd (warm-up, stable, decay): constant until the last fraction φ of the run ({@code decayFraction}),
 *       {@code d = T − ⌊φ·T⌋}, then a linear decay to 0 at T, {@code lr_t = lr · (T − t)/(T − d)}.</li>
 * </ul>
 * Handed to ND4J's Adam as its schedule.
 */
public record LearningRateSchedule(Kind kind, double learningRate, int warmupSteps, int totalSteps, double decayFraction)
        implements ISchedule {

    /** The default share of the run that a wsd schedule spends decaying. */
    public static final double DEFAULT_DECAY_FRACTION = 0.25;

    /**
     * A schedule of the given kind peaking at {@code learningRate}, warming up over {@code warmupSteps} of
     * {@code totalSteps} steps: a kind, a finite rate &gt; 0, {@code 0 ≤ warmupSteps}, {@code totalSteps ≥ 1};
     * {@code decayFraction} (used by wsd only) must be in (0, 1].
     */
    public LearningRateSchedule {
        if (kind == null || !(learningRate > 0) || !Double.isFinite(learningRate) || warmupSteps < 0
                || totalSteps < 1) {
            throw new IllegalArgumentException("LearningRateSchedule: expected a kind, a finite rate > 0, warm-up "
                    + "steps >= 0 and total steps >= 1, got " + kind + ", " + learningRate + ", " + warmupSteps
                    + " and " + totalSteps);
        }
        checkDecayFraction(decayFraction);
    }

    /** Refuses a wsd decay fraction outside (0, 1], naming the command-line option that sets it. */
    public static void checkDecayFraction(double decayFraction) {
        if (!(decayFraction > 0 && decayFraction <= 1)) {
            throw new IllegalArgumentException("--decay-fraction must be in (0, 1], got " + decayFraction);
        }
    }

    /** With the default decay fraction (used by wsd only). */
    public LearningRateSchedule(Kind kind, double learningRate, int warmupSteps, int totalSteps) {
        this(kind, learningRate, warmupSteps, totalSteps, DEFAULT_DECAY_FRACTION);
    }

    /** The shape after the warm-up. */
    public enum Kind {
        CONSTANT, COSINE, WSD;

        /** The kind named on a command line ({@code constant}, {@code cosine} or {@code wsd}, any case). */
        public static Kind parse(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "constant" -> CONSTANT;
                case "cosine" -> COSINE;
                case "wsd" -> WSD;
                default -> throw new IllegalArgumentException(
                        "--schedule must be constant, cosine or wsd, got '" + name + "'");
            };
        }
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return learningRate * (iteration + 1) / warmupSteps;
        }
        if (totalSteps <= warmupSteps) {
            return learningRate;
        }
        return switch (kind) {
            case CONSTANT -> learningRate;
            case WSD -> {
                int decayStart = Math.max(warmupSteps, totalSteps - (int) Math.floor(decayFraction * totalSteps));
                yield iteration < decayStart ? learningRate
                        : learningRate * Math.max(0, totalSteps - iteration) / (totalSteps - decayStart);
            }
            case COSINE -> {
                double progress = Math.min(1.0, (double) (iteration - warmupSteps) / (totalSteps - warmupSteps));
                yield learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
        };
    }

    @Override
    public ISchedule clone() {
        return new LearningRateSchedule(kind, learningRate, warmupSteps, totalSteps, decayFraction);
    }
}
