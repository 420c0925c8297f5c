package org.flows4j.cli.bench;

import java.util.Arrays;

/** Wall-clock timing of a piece of work repeated: the median after untimed warm-up runs. */
final class Timings {
    private Timings() {
    }

    /** The median of {@code timed} runs of {@code work}, in seconds, after {@code untimed} runs. */
    static double medianSeconds(int untimed, int timed, Runnable work) {
        for (int i = 0; i < untimed; i++) {
            work.run();
        }
        double[] seconds = new double[timed];
        for (int i = 0; i < timed; i++) {
            long t0 = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[timed / 2];
    }
}
