package org.flows4j.bijectors;

import org.flows4j.core.Bijector;
import org.flows4j.models.Nice;
import org.flows4j.testkit.BijectorContract;

/** A whole NICE chain (couplings + diagonal scaling) through the contract kit. */
class NiceContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return Nice.builder((int) eventShape[0]).couplings(3).hidden(8, 8)
                .mask(seed % 2 == 0 ? Mask.Kind.HALF : Mask.Kind.ALTERNATING).seed(seed).build().bijector();
    }
}
