package org.flows4j.bijectors;

import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/**
 * A tabular coupling with Glow's scale sigmoid(h + 2) through the contract kit, in both orders of the affine map and
 * with a floor of 0 or 0.3 (chosen by the seed).
 */
class CouplingAffineSigmoidContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        Mask m = CouplingAdditiveMapContractTest.maskFor((int) eventShape[0], seed);
        Mlp net = new Mlp(m.identitySize(), new int[] {8, 8}, 2 * m.transformedSize(), seed);
        CouplingScale scale = CouplingScale.sigmoid((seed / 4) % 2 == 0 ? 0 : 0.3);
        return new Coupling(m, net, seed % 8 < 4 ? AffineMap.scaleThenShift(scale) : AffineMap.shiftThenScale(scale));
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
