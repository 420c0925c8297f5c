package org.flows4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Refuses options that were given on the command line but have no effect in the mode chosen, in one line naming the
 * option and the mode, so that no option is accepted and then ignored. Options left at their defaults pass.
 */
final class OptionRules {
    private final ParseResult parsed;

    /** The rules for the command line {@code spec} was parsed from. */
    OptionRules(CommandSpec spec) {
        this.parsed = spec.commandLine().getParseResult();
    }

    /** Whether {@code name} was given on the command line. */
    boolean given(String name) {
        return parsed.hasMatchedOption(name);
    }

    /** Whether any option of {@code group} (a mixin's options) was given on the command line. */
    boolean anyGiven(CommandSpec group) {
        return group.options().stream().anyMatch(o -> parsed.hasMatchedOption(o.longestName()));
    }

    /** Refuses NaN for the option {@code name}. */
    static double number(String name, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must be a number, got NaN");
        }
        return value;
    }

    /** Refuses a count below 1 for the option {@code name}. */
    static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }

    /**
     * Refuses each option of {@code names} that was given, unless {@code applies}: "{@code name} applies to
     * {@code where} only; got {@code got}".
     */
    void onlyWith(boolean applies, String where, String got, String... names) {
        if (applies) {
            return;
        }
        for (String name : names) {
            if (given(name)) {
                throw new IllegalArgumentException(name + " applies to " + where + " only; got " + got);
            }
        }
    }
}
