package org.flows4j.cli;

import org.flows4j.bijectors.kernel.Kernels;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The tool's thread policy for its tabular commands (fit, score, sample, evaluate, tabular, demo, bench train): the
 * work of a table flow is the kernel layer's, so ND4J's own ops (and its OpenMP team, BLAS included) get one thread
 * and the kernel layer's large products every core. ND4J's idle OpenMP threads otherwise keep spinning on the cores
 * after each op and slow the rest of the step (docs/backends.md). The image commands keep ND4J's defaults: their
 * convolutions are ND4J's.
 */
final class TabularThreads {
    private TabularThreads() {
    }

    /** Applies the policy to this process; the backend line printed afterwards shows it. */
    static void apply() {
        Nd4j.getExecutioner(); // the backend reads its thread settings when it loads: load it first
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Kernels.useThreads(Runtime.getRuntime().availableProcessors());
    }
}
