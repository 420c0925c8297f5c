package org.flows4j.core;

import org.flows4j.testkit.BijectorCase;
import org.flows4j.testkit.BijectorChecks;
import org.flows4j.testkit.BijectorContract;
import org.flows4j.testkit.ScaleShift;
import org.flows4j.testkit.Sinh;
import org.junit.jupiter.api.Test;

/** A three-part Chain through the whole contract kit. */
class ChainContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int d = (int) eventShape[0];
        return Chain.of(new ScaleShift(d), new Sinh(), new ScaleShift(d));
    }

    /**
     * A case the kit once drew: its loss reaches about 10⁴ (parameter gradients up to 2.8·10⁵), so at the kit's step
     * of 1e-6 rounding moves a derivative of 0.097 by 3·10⁻⁵, past the tolerance, while steps of 1e-3 to 1e-5 agree
     * with the backward pass to 1e-8: the kit retries such a miss at a larger step.
     */
    @Test
    void backwardMatchesFiniteDifferencesWhenTheLossIsLarge() {
        BijectorCase c = new BijectorCase(3, new long[] {2}, 9961);
        BijectorChecks.backwardMatchesFiniteDifferences(instantiate(c), input(c), c.seed());
    }
}
