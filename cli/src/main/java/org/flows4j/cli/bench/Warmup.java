package org.flows4j.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Untimed runs of a piece of work until the JIT compiler has gone quiet, so that timed runs measure the compiled
 * steady state. A Glow step calls hundreds of methods a few times each, and they reach the optimising compiler's
 * thresholds over tens of steps: on 2 cores its threads take time from the step itself, and a step that overlaps a
 * compilation runs up to twice as long as one that does not. A run is quiet when the compilers' time during it
 * ({@link CompilationMXBean#getTotalCompilationTime}) is at most {@value #QUIET_SHARE} of its wall time; the warm-up
 * ends after {@value #QUIET_RUNS} quiet runs in a row, or at the cap.
 */
public final class Warmup {
    /** The share of a run's wall time spent compiling up to which the run counts as quiet. */
    public static final double QUIET_SHARE = 0.1;
    /** Quiet runs in a row that end the warm-up. */
    public static final int QUIET_RUNS = 3;

    private Warmup() {
    }

    /**
     * How a warm-up went.
     *
     * @param runs    untimed runs made
     * @param quiet   whether it ended on {@value #QUIET_RUNS} quiet runs (false: it stopped at the cap, or the JVM
     *                does not report compilation time)
     * @param seconds wall time of the untimed runs
     */
    public record Result(int runs, boolean quiet, double seconds) {
        /** A short description for reports, e.g. {@code 23 warm-up steps, 9.1 s, JIT quiet}. */
        public String describe(String unit) {
            return String.format(java.util.Locale.ROOT, "%d warm-up %s, %.1f s, %s", runs, unit, seconds,
                    quiet ? "JIT quiet" : "JIT not yet quiet (cap reached or not measurable)");
        }
    }

    /**
     * Runs {@code work} (given the run's index, from 0) at least {@code min} and at most {@code max} times, stopping
     * after {@value #QUIET_RUNS} quiet runs in a row once {@code min} runs are done.
     */
    public static Result run(int min, int max, IntConsumer work) {
        if (min < 0 || max < Math.max(1, min)) {
            throw new IllegalArgumentException("Warmup.run: expected 0 <= min <= max and max >= 1, got min " + min
                    + ", max " + max);
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        int quietInRow = 0;
        int runs = 0;
        while (runs < max && (runs < min || quietInRow < QUIET_RUNS)) {
            long compiledBefore = measurable ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            work.accept(runs);
            double millis = (System.nanoTime() - t0) / 1e6;
            runs++;
            boolean quiet = measurable && jit.getTotalCompilationTime() - compiledBefore <= QUIET_SHARE * millis;
            quietInRow = quiet ? quietInRow + 1 : 0;
        }
        return new Result(runs, measurable && quietInRow >= QUIET_RUNS, (System.nanoTime() - start) / 1e9);
    }
}
