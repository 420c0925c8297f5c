package org.flows4j.bijectors.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel threads' hand-off: a range given to a worker is claimed by whichever thread reaches it first (the worker,
 * or the caller once its own range is done), so every row must be computed exactly once, whichever thread wins, and a
 * failure in any range must reach the caller without leaving a worker stuck.
 */
class ProductThreadsTest {
    private int previous;

    @BeforeEach
    void threeThreads() {
        previous = Kernels.useThreads(3);
    }

    @AfterEach
    void restore() {
        Kernels.useThreads(previous);
    }

    @Test
    void everyRowIsComputedExactlyOnceWhicheverThreadClaimsItsRange() {
        int m = 40;
        int runs = 3000;
        AtomicIntegerArray count = new AtomicIntegerArray(m);
        for (int r = 0; r < runs; r++) {
            ProductThreads.run(3, m, (from, to) -> {
                for (int i = from; i < to; i++) {
                    count.incrementAndGet(i);
                }
            });
        }
        for (int i = 0; i < m; i++) {
            assertEquals(runs, count.get(i), "row " + i);
        }
    }

    @Test
    void aFailureInAnyRangeReachesTheCallerAndTheWorkersStayUsable() {
        IllegalStateException worker = new IllegalStateException("range from 20 failed");
        for (int r = 0; r < 200; r++) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> ProductThreads.run(2, 40,
                    (from, to) -> {
                        if (from > 0) {
                            throw worker;
                        }
                    }));
            assertSame(worker, thrown);
            IllegalArgumentException caller = new IllegalArgumentException("range from 0 failed");
            assertSame(caller, assertThrows(IllegalArgumentException.class, () -> ProductThreads.run(2, 40,
                    (from, to) -> {
                        if (from == 0) {
                            throw caller;
                        }
                    })));
        }
        AtomicIntegerArray count = new AtomicIntegerArray(40);
        ProductThreads.run(2, 40, (from, to) -> {
            for (int i = from; i < to; i++) {
                count.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 40; i++) {
            assertEquals(1, count.get(i), "row " + i + " after the failures");
        }
    }
}
