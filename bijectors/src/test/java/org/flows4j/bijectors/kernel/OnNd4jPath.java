package org.flows4j.bijectors.kernel;

/**
 * Forces the kernels onto the ND4J path for the test classes that run a contract on it, and restores the automatic
 * choice after them.
 */
public final class OnNd4jPath {
    private OnNd4jPath() {
    }

    /** Every kernel takes the ND4J path from now on. */
    public static void force() {
        Kernels.use(Kernels.Path.ND4J);
    }

    /** Back to the automatic choice (the host path here), checked. */
    public static void restore() {
        Kernels.use(null);
        if (Kernels.path() != Kernels.Path.HOST) {
            throw new AssertionError("expected the host path after restoring, got " + Kernels.describe());
        }
    }
}
