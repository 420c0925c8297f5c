package org.flows4j.cli;

import org.flows4j.bijectors.kernel.Kernels;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The tool's thread policy for the commands that train, score or sample (fit, score, sample, evaluate, tabular, demo,
 * train-images, image-demos, ablation, bench train and glow): their work is the kernel layer's — dense layers,
 * convolutions, the element-wise kernels — so ND4J's own ops (and its OpenMP team, BLAS included) get one thread and
 * the kernel layer's large products and convolutions every core (or the count {@code -Dflows4j.kernels.threads}
 * asks for). ND4J's idle OpenMP threads otherwise keep spinning on the cores after each op and slow the rest of the
 * step (docs/backends.md).
 */
final class ThreadPolicy {
    private ThreadPolicy() {
    }

    /**
     * {@link Kernels#propertyThreads}: the count {@code -Dflows4j.kernels.threads} asks for, or {@code otherwise}. A
     * kernel property the kernel layer refuses when it loads ({@code -Dflows4j.kernels},
     * {@code -Dflows4j.kernels.threads}) is rethrown as the one-line {@link IllegalArgumentException} it raised, not
     * as the class's failed initialisation.
     */
    private static int propertyThreads(int otherwise) {
        try {
            return Kernels.propertyThreads(otherwise);
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw e;
        }
    }

    /**
     * Applies the policy to this process; the backend line printed afterwards shows it. Returns what undoes it (ND4J's
     * and the kernel layer's thread settings as they were), for a benchmark that times ND4J's own ops afterwards.
     */
    static Runnable apply() {
        Nd4j.getExecutioner(); // the backend reads its thread settings when it loads: load it first
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int omp = ops.ompGetMaxThreads();
        int max = Nd4j.getEnvironment().maxThreads();
        int master = Nd4j.getEnvironment().maxMasterThreads();
        ops.setOmpNumThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        int kernels = Kernels.useThreads(propertyThreads(Runtime.getRuntime().availableProcessors()));
        return () -> {
            ops.setOmpNumThreads(omp);
            Nd4j.getEnvironment().setMaxThreads(max);
            Nd4j.getEnvironment().setMaxMasterThreads(master);
            Kernels.useThreads(kernels);
        };
    }
}
