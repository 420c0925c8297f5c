package org.flows4j.bijectors;

import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/** NICE's diagonal scaling through the contract kit. */
class DiagonalScalingContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new DiagonalScaling((int) eventShape[0]);
    }
}
