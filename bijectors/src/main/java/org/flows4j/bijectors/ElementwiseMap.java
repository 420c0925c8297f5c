package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.ElementwiseMath;

/**
 * The element-wise map of a {@link Coupling}: an invertible function {@code y = f(x; θ)} of each transformed element,
 * with P parameters θ per element computed by the conditioner from the kept elements. The built-in maps are
 * {@link AdditiveMap} (NICE) and {@link AffineMap} (RealNVP, Glow); a map of one's own is one class implementing the
 * two arithmetic forms of {@link ElementwiseMath}, checked by the contract kit, and — to be saved in model files —
 * one registered part kind.
 */
public interface ElementwiseMap extends ElementwiseMath {
}
