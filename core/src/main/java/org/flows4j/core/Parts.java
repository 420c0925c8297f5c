package org.flows4j.core;

import java.util.ArrayList;
import java.util.List;

/** The one walk over a flow's parts: depth first, each part before the parts it is made of ({@link Composite}). */
public final class Parts {
    private Parts() {
    }

    /** Every part reachable from {@code root}, {@code root} first, in build order. */
    public static List<Object> all(Object root) {
        List<Object> out = new ArrayList<>();
        visit(root, out);
        return out;
    }

    /** The parts reachable from {@code root} that are a {@code type}, in build order. */
    public static <T> List<T> ofType(Object root, Class<T> type) {
        return all(root).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static void visit(Object part, List<Object> out) {
        out.add(part);
        if (part instanceof Composite c) {
            for (Object child : c.parts()) {
                visit(child, out);
            }
        }
    }
}
