/**
 * Bijectors on {@code [N, C, H, W]} images, the building blocks of Glow and RealNVP: {@link Squeeze},
 * channel mixing by an invertible 1×1 convolution
 * ({@link InvertibleConv1x1}, {@link InvertibleConv1x1Lu}), the couplings' image partitions ({@link ChannelSplit}, and
 * {@link ImageMask} for a checkerboard or channel mask), RealNVP's {@link LogitTransform}, the multi-scale {@link FactorOut}, and {@link Flatten} to end
 * in a vector. Layers initialised from the first batch of data are marked {@link org.flows4j.core.DataInitialized},
 * and {@link org.flows4j.core.DataInitialization} finds them inside a model. Their conditioners are built by
 * {@link ConvNets} from the layers of {@code org.flows4j.bijectors.nn} and {@link ActNormLayer};
 * {@code org.flows4j.models} assembles them into image architectures.
 */
package org.flows4j.bijectors.image;
