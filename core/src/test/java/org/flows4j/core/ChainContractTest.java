package org.flows4j.core;

import org.flows4j.testkit.BijectorContract;
import org.flows4j.testkit.ScaleShift;
import org.flows4j.testkit.Sinh;

/** A three-part Chain through the whole contract kit. */
class ChainContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int d = (int) eventShape[0];
        return Chain.of(new ScaleShift(d), new Sinh(), new ScaleShift(d));
    }
}
