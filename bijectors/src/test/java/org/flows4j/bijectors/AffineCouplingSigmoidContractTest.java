package org.flows4j.bijectors;

import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/** Affine coupling with Glow's scale sigmoid(h + 2) through the contract kit. */
class AffineCouplingSigmoidContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        Mask m = AdditiveCouplingContractTest.maskFor((int) eventShape[0], seed);
        Mlp net = new Mlp(m.identitySize(), new int[] {8, 8}, 2 * m.transformedSize(), seed);
        return new AffineCoupling(m, net, CouplingScale.sigmoid());
    }

    /**
     * Keeps s = sigmoid(h + 2) above about 1e-3, the range trained models live in. At the default scale some draws
     * give s ≈ 1e-7, where central differences of y ≈ 5 resolve ∂y/∂x only to ε·|y|/h ≈ 1e-10, i.e. 0.1% of s:
     * a limit of the numerical Jacobian in float64, not of the bijector.
     */
    @Override
    protected double parameterScale() {
        return 0.25;
    }
}
