package org.flows4j.cli;

import org.flows4j.training.TrainingRange;
import picocli.CommandLine.Option;

/** The out-of-range option that {@code score} and {@code evaluate} share. */
final class RangeOptions {
    @Option(names = "--range-margin", defaultValue = "" + TrainingRange.DEFAULT_MARGIN,
            description = "a row is out of the training range when it lies more than this many training SDs beyond a "
                    + "column's range (default: ${DEFAULT-VALUE})")
    double margin;

    /** The margin in training standard deviations, refused unless finite and >= 0. */
    double margin() {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("--range-margin must be >= 0, got " + margin);
        }
        return margin;
    }
}
