package org.flows4j.core;

/**
 * How a training step treats the activations inside coupling layers' conditioners, between the forward pass and
 * the backward pass ({@link Flow#negativeLogLikelihoodBackward(org.nd4j.linalg.api.ndarray.INDArray, MemoryRegime)}).
 */
public enum MemoryRegime {
    /**
     * Recompute: each coupling runs its conditioner again in the backward pass, from the output it recomputes there.
     * Memory stays nearly flat in depth (one layer's activations at a time); each coupling's network runs forward
     * twice per step.
     */
    LEAN,
    /**
     * Keep: each coupling that supports it keeps its conditioner's activations from the forward pass, in memory of
     * its own reused from step to step, and its backward pass starts from them. One network forward pass less per
     * coupling; memory grows with the number of couplings.
     */
    FAST
}
