/**
 * The kernel layer: the one place that reads and writes the arrays' memory. Bijectors and networks state their
 * mathematics as calls to {@link org.flows4j.bijectors.kernel.Kernels}; each kernel has two paths that agree to the
 * tolerance of float32:
 * <ul>
 *   <li>the <em>host</em> path, fused loops over the arrays' host memory — float32 through the Java Vector API
 *       ({@code jdk.incubator.vector}), float64 as plain loops — used on the CPU backend when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector};</li>
 *   <li>the <em>ND4J</em> path, the same result from ND4J's own ops, used on CUDA, without the Vector API module,
 *       or when forced with {@link org.flows4j.bijectors.kernel.Kernels#use} or {@code -Dflows4j.kernels=nd4j}.</li>
 * </ul>
 * Three types here are the public contract for extending the coupling algebra: {@link
 * org.flows4j.bijectors.kernel.ElementwiseMath} and {@link org.flows4j.bijectors.kernel.MapGradients} (the arithmetic
 * of an element-wise map) and {@link org.flows4j.bijectors.kernel.CouplingLayout} (where a partition puts its
 * elements), with {@link org.flows4j.bijectors.kernel.LogScale}; the rest is internal and may change between
 * releases. It depends on core only.
 */
package org.flows4j.bijectors.kernel;
