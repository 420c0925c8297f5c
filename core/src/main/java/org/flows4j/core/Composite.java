package org.flows4j.core;

import java.util.List;

/**
 * A flow part made of other parts: a {@link Chain} of bijectors, a coupling and its conditioner network, a network of
 * layers, a multi-scale factor-out and the flow after it. {@link Parts} walks a flow through these, so every walk —
 * data-dependent initialisation, model files — sees the same parts in the same order.
 */
public interface Composite {

    /** The parts this one is made of, in a fixed order; none may be null. */
    List<?> parts();
}
