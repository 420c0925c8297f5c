/**
 * The coupling algebra and the bijectors on flat {@code [N, D]} feature vectors. One {@link Coupling} class is a
 * {@link Partition} (a {@link Mask} for tables; a channel split or an image mask in {@code org.flows4j.bijectors.image})
 * × a conditioner × an {@link ElementwiseMap} ({@link AdditiveMap} for NICE, {@link AffineMap} with a
 * {@link CouplingScale} for RealNVP and Glow). Beside it: {@link ActNorm},
 * {@link DiagonalScaling}, fixed {@link Permutation}s and a fixed {@link Standardization}. Each implements
 * {@link org.flows4j.core.Bijector} with a hand-written backward pass, its element-wise work done as loops over the
 * arrays' memory. The couplings' conditioner networks come from {@code org.flows4j.bijectors.nn}; the image
 * bijectors live in {@code org.flows4j.bijectors.image}, and {@code org.flows4j.models} assembles both into
 * architectures.
 */
package org.flows4j.bijectors;
