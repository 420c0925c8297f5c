package org.flows4j.bijectors.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;

/**
 * Factor-out through the contract kit: a learned prior on half the channels (odd seeds: no prior), the other half
 * through an ActNorm and a flatten.
 */
class FactorOutContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int c = (int) eventShape[0];
        int h = (int) eventShape[1];
        int w = (int) eventShape[2];
        Bijector rest = Chain.of(new org.flows4j.bijectors.ActNorm(c / 2), new Flatten(c / 2, h, w));
        return seed % 2 == 0 ? FactorOut.withLearnedPrior(c, h, w, rest) : new FactorOut(c, h, w, null, rest);
    }

    @Override
    protected Arbitrary<Integer> channels() {
        return Arbitraries.of(2, 4);
    }

    /**
     * Smaller noise than the default 0.5: the zero-initialised output convolution scales its output by
     * {@code exp(3·s)} on top of noisy weights, and at 0.5 the log-scales reach ±50, where float64 round trips
     * lose digits to cancellation rather than to any error in the layer.
     */
    @Override
    protected double parameterScale() {
        return 0.1;
    }
}
