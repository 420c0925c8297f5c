package org.flows4j.models;

import java.util.List;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;

/** An image architecture: an immutable description that builds a fresh {@link Flow} on {@code [N, C, H, W]} pixels. */
public interface ImageFlow {

    /** The event shape {@code [C, H, W]} the model takes. */
    long[] eventShape();

    /** A new model with freshly initialised weights (same description and seed, same weights). */
    Flow flow();

    /** A short name for reports, e.g. {@code glow}. */
    String family();

    /**
     * How image models compose their parts: each part in a memory workspace (design note 7), the inputs of parts
     * without a stable inverse kept during a training step (design notes 10 and 34).
     */
    static Chain chain(List<? extends Bijector> parts) {
        return Chain.of(parts).scoped().checkpointed();
    }
}
