package org.flows4j.bijectors.image;

import java.util.ArrayList;
import java.util.List;
import org.flows4j.bijectors.nn.Residual;
import org.flows4j.bijectors.nn.Sequential;
import org.flows4j.core.Chain;

/** Finds every {@link DataInitialized} layer inside a model built from chains, couplings and factor-outs. */
public final class DataInitialization {
    private DataInitialization() {
    }

    /** All data-initialised layers reachable from {@code root}, in build order. */
    public static List<DataInitialized> layersIn(Object root) {
        List<DataInitialized> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    /** Whether every data-initialised layer of the model has been initialised (true when there are none). */
    public static boolean complete(Object root) {
        return layersIn(root).stream().allMatch(DataInitialized::initialized);
    }

    /** Marks every data-initialised layer as initialised (after loading trained parameters). */
    public static void markAll(Object root) {
        layersIn(root).forEach(DataInitialized::markInitialized);
    }

    private static void collect(Object node, List<DataInitialized> found) {
        if (node instanceof DataInitialized d) {
            found.add(d);
        }
        switch (node) {
            case Chain c -> c.parts().forEach(p -> collect(p, found));
            case FactorOut f -> {
                collect(f.prior(), found);
                collect(f.rest(), found);
            }
            case ImageCoupling c -> collect(c.conditioner(), found);
            case Sequential s -> s.layers().forEach(l -> collect(l, found));
            case Residual r -> collect(r.body(), found);
            case null, default -> {
            }
        }
    }
}
