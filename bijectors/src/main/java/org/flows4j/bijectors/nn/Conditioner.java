package org.flows4j.bijectors.nn;

/**
 * The network inside a coupling layer, {@code h = NN(x_A)}. It need not be invertible.
 *
 * <p>A coupling layer calls {@link #forward} and {@link #backward} back to back inside its own backward, so
 * activations live for one layer only.
 */
public interface Conditioner extends Layer {
}
