package org.flows4j.models;

import org.flows4j.core.Flow;

/** An image architecture: an immutable description that builds a fresh {@link Flow} on {@code [N, C, H, W]} pixels. */
public interface ImageFlow {

    /** The event shape {@code [C, H, W]} the model takes. */
    long[] eventShape();

    /** A new model with freshly initialised weights (same description and seed, same weights). */
    Flow flow();

    /** A short name for reports, e.g. {@code glow}. */
    String family();
}
