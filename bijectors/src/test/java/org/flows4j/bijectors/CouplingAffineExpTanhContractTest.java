package org.flows4j.bijectors;

import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/** RealNVP's coupling, y = x·s + t with the scale exp(B·tanh(h/B)), through the contract kit. */
class CouplingAffineExpTanhContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        Mask m = CouplingAdditiveMapContractTest.maskFor((int) eventShape[0], seed);
        Mlp net = new Mlp(m.identitySize(), new int[] {8, 8}, 2 * m.transformedSize(), seed);
        return new Coupling(m, net, AffineMap.scaleThenShift(CouplingScale.expTanh(1 + seed % 3)));
    }
}
