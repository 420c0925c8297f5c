package org.flows4j.core;

/**
 * A layer initialised from the first batch of data (ActNorm). The flag is model state: a saved model records it and
 * a loaded one is {@link #markInitialized() marked}, so its trained parameters are never overwritten.
 */
public interface DataInitialized {

    /** Whether the layer's parameters have been set from data, or it was marked initialised. */
    boolean initialized();

    /** Marks the layer as initialised without touching its parameters. */
    void markInitialized();
}
