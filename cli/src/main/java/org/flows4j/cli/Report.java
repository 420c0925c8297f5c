package org.flows4j.cli;

import org.flows4j.training.TabularResult;
import org.flows4j.training.TrainingReport;

/** The result table printed by the fitting commands. */
final class Report {
    private Report() {
    }

    static void header() {
        System.out.printf("%-14s %-34s %18s %10s %8s %6s %10s %9s %10s%n", "set", "model", "test NLL (nats)",
                "true NLL", "gap", "best", "rows/s", "time (s)", "max |x-x'|");
    }

    static void row(TabularResult r) {
        System.out.printf("%-14s %-34s %10.4f ± %5.4f %10.4f %8.4f %6d %10.0f %9.1f %10.2e%n", r.set(), r.model(),
                r.testNll(), r.testNllStderr(), r.trueNll(), r.gap(), r.training().bestEpoch(),
                r.training().rowsPerSecond(), r.training().seconds(), r.roundTripError());
    }

    /** Prints the validation NLL of every epoch of {@code training} on one line. */
    static void curve(TrainingReport training) {
        StringBuilder b = new StringBuilder("  validation NLL by epoch:");
        training.epochs().forEach(e -> b.append(String.format(" %.3f", e.validNll())));
        System.out.println(b);
    }
}
