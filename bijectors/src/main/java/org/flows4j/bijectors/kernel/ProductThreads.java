package org.flows4j.bijectors.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that share the kernel layer's large host work ({@link Kernels#useThreads}): a product's rows, a
 * convolution's samples or channels, a per-channel kernel's channels, a coupling map's samples are split into as many
 * ranges as threads, the caller computing the first and the kernel layer's daemon workers the others. Every value is
 * computed the same way whichever range it falls in, so the result does not depend on the thread count. A dense
 * layer's products come tens of microseconds apart, so a worker spins for {@link #SPIN_NANOS} after each range before
 * it parks, and the caller spins while the others finish: waking a parked thread costs as much as a small product.
 * A range handed to a worker is claimed by whichever thread gets to it first: a caller done with its own range runs
 * the ones no worker has started, so a worker that wakes late (or a virtual CPU that is not running) costs at most
 * the hand-off, never a wait. Products below {@link #MIN_WORK} multiply-adds or {@code 2 ×} {@link #MIN_ROWS} rows
 * stay on the caller.
 */
final class ProductThreads {
    /** The smallest product, in multiply-adds, that is split. */
    static final long MIN_WORK = 1L << 20;
    /**
     * The fewest rows a range gets. A training batch's products (256 rows) run fastest on one core: split, each range
     * costs moving the right factor and its rows to the other core's cache, about what it saves (docs/backends.md).
     */
    static final int MIN_ROWS = 512;
    /** How long an idle worker spins before it parks. */
    static final long SPIN_NANOS = 200_000;
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static Worker[] workers = new Worker[0];

    private ProductThreads() {
    }

    /** How many row ranges an {@code m × n} product over {@code p} terms is split into. */
    static int parts(int m, int n, int p) {
        int threads = Kernels.threads();
        if (threads == 1 || (long) m * n * p < MIN_WORK) {
            return 1;
        }
        return Math.max(1, Math.min(threads, m / MIN_ROWS));
    }

    /** A range of rows {@code [from, to)}. */
    interface RowRange {
        /** Computes rows {@code [from, to)}. */
        void compute(int from, int to);
    }

    /**
     * Runs {@code parts} ranges of {@code m} rows (each starting at a multiple of 4) and returns when all are done; a
     * failure in any range is rethrown here. One part runs whole on the caller. The workers serve one product at a
     * time: while another thread's product holds them, this one runs whole on its caller (the same values).
     */
    static void run(int parts, int m, RowRange range) {
        if (parts <= 1 || !BUSY.tryLock()) {
            range.compute(0, m);
            return;
        }
        try {
            split(parts, m, range);
        } finally {
            BUSY.unlock();
        }
    }

    /**
     * Runs {@code range} over {@code [0, m)}, split across the kernel threads ({@link Kernels#useThreads}) when the work
     * is {@code large} enough to pay for the hand-off, else whole on the caller.
     */
    static void runWhen(boolean large, int m, RowRange range) {
        run(large ? Kernels.threads() : 1, m, range);
    }

    private static void split(int parts, int m, RowRange range) {
        // ranges of ⌈m / parts⌉ rows rounded up to a multiple of 4: at most parts of them, covering [0, m)
        int step = ((m + parts - 1) / parts + 3) / 4 * 4;
        Worker[] pool = workers(parts - 1);
        Claim[] given = new Claim[(m - 1) / step];
        boolean computed = false;
        try {
            int w = 0;
            for (int from = step; from < m; from += step) {
                int start = from;
                int end = Math.min(m, from + step);
                given[w] = new Claim(() -> range.compute(start, end));
                pool[w].give(given[w]);
                w++;
            }
            range.compute(0, Math.min(m, step));
            computed = true;
        } finally {
            // The ranges no worker has started run here; if the caller's own range failed, they are dropped and its
            // failure propagates.
            for (Claim c : given) {
                if (c != null && computed) {
                    c.tryRun();
                } else if (c != null) {
                    c.cancel();
                }
            }
            for (Claim c : given) {
                while (c != null && !c.done) {
                    Thread.onSpinWait();
                }
            }
        }
        rethrow(given);
    }

    /** Rethrows the first failure among the given pieces, if any. */
    private static void rethrow(Claim[] given) {
        Throwable t = null;
        for (Claim c : given) {
            if (c != null && t == null) {
                t = c.failure;
            }
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("a product's row range failed", t);
        }
    }

    /** A piece of work that runs once, on whichever thread claims it first. */
    private static final class Claim {
        private final Runnable work;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile boolean done;
        private Throwable failure;

        Claim(Runnable work) {
            this.work = work;
        }

        /** Marks the work done without running it, if no thread has claimed it yet. */
        void cancel() {
            if (claimed.compareAndSet(false, true)) {
                done = true;
            }
        }

        /** Runs the work if no thread has claimed it yet; a failure is kept for {@link #rethrow}. */
        void tryRun() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                work.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                done = true;
            }
        }
    }

    private static synchronized Worker[] workers(int count) {
        if (workers.length < count) {
            Worker[] grown = java.util.Arrays.copyOf(workers, count);
            for (int i = workers.length; i < count; i++) {
                grown[i] = new Worker(i + 1);
            }
            workers = grown;
        }
        return workers;
    }

    /** One daemon thread taking one task at a time. */
    private static final class Worker implements Runnable {
        private final Thread thread;
        private final AtomicReference<Claim> task = new AtomicReference<>();

        Worker(int index) {
            thread = new Thread(this, "flows4j-kernel-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void give(Claim t) {
            task.set(t);
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Claim t = task.getAndSet(null);
                if (t != null) {
                    t.tryRun();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
