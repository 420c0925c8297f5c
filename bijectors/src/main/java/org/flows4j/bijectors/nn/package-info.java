/**
 * The small neural networks inside coupling layers, each a {@link Layer} with a hand-written vector-Jacobian product
 * and no autodiff; a {@link Conditioner} is a network a coupling can use, and it need not be invertible. The pieces
 * are the fully connected {@link Mlp} for vectors and, for images, {@link Conv2d}, the zero-initialised
 * {@link ZeroConv2d}, {@link Relu}, {@link Residual} and {@link Sequential} (the image package adds ActNorm as a layer
 * and assembles Glow's and RealNVP's conditioners from these). Their element-wise work (bias, ReLU, per-channel scales
 * and sums) runs through the kernel layer, {@link org.flows4j.bijectors.kernel.Kernels}. This package depends on core
 * and the kernel layer only.
 */
package org.flows4j.bijectors.nn;
