package org.flows4j.bijectors.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.flows4j.core.Bijector;
import org.flows4j.models.Glow;

/**
 * Channel-split couplings through the contract kit: the seed picks affine or additive and (affine) a scale floor of
 * 0 or 0.3; Glow's conditioner reads the kept C/2 channels.
 */
class ChannelCouplingContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int c = (int) eventShape[0];
        boolean affine = seed % 2 == 0;
        var net = ConvNets.glow(c / 2, 4, affine ? c : c / 2, Glow.GLOW_ACTNORM_FACTOR, seed);
        double scaleFloor = (seed / 2) % 2 == 0 ? 0 : 0.3;
        return affine ? ChannelCoupling.affine(c, net, scaleFloor) : ChannelCoupling.additive(c, net);
    }

    /** An even number of channels, as the split needs. */
    @Override
    protected Arbitrary<Integer> channels() {
        return Arbitraries.of(2, 4);
    }

    /** As for {@link ImageCouplingContractTest}: keeps the zero convolution's {@code exp(3·s)} in a sane range. */
    @Override
    protected double parameterScale() {
        return 0.1;
    }
}
