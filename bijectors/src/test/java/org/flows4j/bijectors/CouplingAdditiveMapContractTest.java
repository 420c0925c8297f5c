package org.flows4j.bijectors;

import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/** NICE's coupling, an index split × an MLP × the additive map, with every mask kind and flip (chosen by the seed). */
class CouplingAdditiveMapContractTest extends BijectorContract {
    static Mask maskFor(int d, long seed) {
        return Mask.of(seed % 2 == 0 ? Mask.Kind.HALF : Mask.Kind.ALTERNATING, d, (seed / 2) % 2 == 1);
    }

    @Override
    protected Bijector create(long[] eventShape, long seed) {
        Mask m = maskFor((int) eventShape[0], seed);
        return new Coupling(m, new Mlp(m.identitySize(), new int[] {8, 8}, m.transformedSize(), seed), new AdditiveMap());
    }
}
