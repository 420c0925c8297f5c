package org.flows4j.bijectors;

import org.flows4j.core.Bijector;
import org.flows4j.models.RealNvp;
import org.flows4j.testkit.BijectorContract;

/** A whole RealNVP chain (every mixing, both scales, by seed) through the contract kit. */
class RealNvpContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return RealNvp.builder((int) eventShape[0]).couplings(3).hidden(8)
                .mixing(RealNvp.Mixing.values()[(int) (seed % 3)])
                .mask(seed % 2 == 0 ? Mask.Kind.HALF : Mask.Kind.ALTERNATING)
                .scale(seed % 4 < 2 ? CouplingScale.expTanh(2) : CouplingScale.sigmoid())
                .seed(seed).build().bijector();
    }

    /** Three stacked couplings compound their scales; this keeps the total within the range trained models reach. */
    @Override
    protected double parameterScale() {
        return 0.15;
    }
}
