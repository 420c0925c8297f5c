package org.flows4j.training;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning rate at each optimizer step: a linear warm-up from 0 over {@code warmupSteps}, then either constant
 * or a cosine decay to 0 at {@code totalSteps}: {@code lr_t = lr · ½(1 + cos(π·(t − w)/(T − w)))}.
 * Handed to ND4J's Adam as its schedule.
 */
public record LearningRateSchedule(Kind kind, double learningRate, int warmupSteps, int totalSteps) implements ISchedule {

    /** The shape after the warm-up. */
    public enum Kind {
        CONSTANT, COSINE;

        /** The kind named on a command line ({@code constant} or {@code cosine}, any case). */
        public static Kind parse(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "constant" -> CONSTANT;
                case "cosine" -> COSINE;
                default -> throw new IllegalArgumentException("--schedule must be constant or cosine, got '" + name + "'");
            };
        }
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return learningRate * (iteration + 1) / warmupSteps;
        }
        if (kind == Kind.CONSTANT || totalSteps <= warmupSteps) {
            return learningRate;
        }
        double progress = Math.min(1.0, (double) (iteration - warmupSteps) / (totalSteps - warmupSteps));
        return learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public ISchedule clone() {
        return new LearningRateSchedule(kind, learningRate, warmupSteps, totalSteps);
    }
}
