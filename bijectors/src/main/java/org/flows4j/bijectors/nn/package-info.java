/**
 * The small neural networks inside coupling layers, each a {@link Layer} with a hand-written vector-Jacobian product
 * and no autodiff; a {@link Conditioner} is a network a coupling can use, and it need not be invertible. The pieces
 * are the fully connected {@link Mlp} for vectors and, for images, {@link Conv2d}, the zero-initialised
 * {@link ZeroConv2d}, {@link Relu}, {@link Residual} and {@link Sequential} (the image package adds ActNorm as a layer
 * and assembles Glow's and RealNVP's conditioners from these). {@link ArrayMemory} gives direct element access to the
 * host memory of ND4J arrays for the element-wise loops of this module and of the bijector packages. This package
 * depends on core only.
 */
package org.flows4j.bijectors.nn;
