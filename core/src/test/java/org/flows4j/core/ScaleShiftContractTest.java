package org.flows4j.core;

import org.flows4j.testkit.BijectorContract;
import org.flows4j.testkit.ScaleShift;

/** The kit's reference bijector through the kit. */
class ScaleShiftContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new ScaleShift((int) eventShape[0]);
    }
}
