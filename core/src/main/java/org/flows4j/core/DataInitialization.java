package org.flows4j.core;

import java.util.List;

/** Finds every {@link DataInitialized} layer inside a model, through the {@link Parts} walk. */
public final class DataInitialization {
    private DataInitialization() {
    }

    /** All data-initialised layers reachable from {@code root}, in build order. */
    public static List<DataInitialized> layersIn(Object root) {
        return Parts.ofType(root, DataInitialized.class);
    }

    /** Whether every data-initialised layer of the model has been initialised (true when there are none). */
    public static boolean complete(Object root) {
        return layersIn(root).stream().allMatch(DataInitialized::initialized);
    }

    /** Marks every data-initialised layer as initialised (after loading trained parameters). */
    public static void markAll(Object root) {
        layersIn(root).forEach(DataInitialized::markInitialized);
    }
}
