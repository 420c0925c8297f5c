/**
 * Bijectors on flat {@code [N, D]} feature vectors: NICE's {@link AdditiveCoupling} and the RealNVP/Glow
 * {@link AffineCoupling} (partitioned by a {@link Mask}, scaled through a {@link CouplingScale}), {@link ActNorm},
 * {@link DiagonalScaling}, fixed {@link Permutation}s and a fixed {@link Standardization}. Each implements
 * {@link org.flows4j.core.Bijector} with a hand-written backward pass, its element-wise work done as loops over the
 * arrays' memory. The couplings' conditioner networks come from {@code org.flows4j.bijectors.nn}; the image
 * bijectors live in {@code org.flows4j.bijectors.image}, and {@code org.flows4j.models} assembles both into
 * architectures.
 */
package org.flows4j.bijectors;
