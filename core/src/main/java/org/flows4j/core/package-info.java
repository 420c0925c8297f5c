/**
 * The core abstractions of flows4j. A {@link Bijector} is an invertible map on batches with its per-sample
 * {@code log|det ∂f/∂x|} and a hand-written backward pass that recomputes its input from its output, so training needs
 * no autodiff graph; a {@link Chain} composes bijectors left to right. A {@link Flow} pairs a bijector with a base
 * {@link Distribution} (implementations in {@code org.flows4j.core.dist}) and gives log-densities, sampling and the
 * gradient of the mean negative log-likelihood, which it adds into the gradients of its {@link Parameter}s (laid out
 * for an optimizer by {@link ParameterVector}); {@link Shapes} holds the checks every entry point runs. A part made
 * of other parts is a {@link Composite}, and {@link Parts} is the one walk over a flow (used by
 * {@link DataInitialization} to find the {@link DataInitialized} layers). The bijectors, models and training code of
 * the other modules all build on these types.
 */
package org.flows4j.core;
