package org.flows4j.bijectors.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.flows4j.bijectors.AdditiveMap;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.core.Bijector;
import org.flows4j.models.Glow;

/**
 * Couplings under a multiplicative image mask through the contract kit: the seed picks affine or additive, a channel mask with Glow's
 * conditioner or a checkerboard mask with the residual conditioner, the mask's parity, and (affine) a scale floor
 * of 0 or 0.3.
 */
class CouplingImageMaskContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int c = (int) eventShape[0];
        int h = (int) eventShape[1];
        int w = (int) eventShape[2];
        boolean affine = seed % 2 == 0;
        boolean flipped = (seed / 2) % 2 == 0;
        boolean channelMask = (seed / 4) % 2 == 0;
        int out = affine ? 2 * c : c;
        ImageMask mask = channelMask ? ImageMask.channel(c, h, w, flipped) : ImageMask.checkerboard(c, h, w, flipped);
        var net = channelMask ? ConvNets.glow(c, 4, out, Glow.GLOW_ACTNORM_FACTOR, seed)
                : ConvNets.resnet(c, 4, 1, out, seed);
        double scaleFloor = (seed / 8) % 2 == 0 ? 0 : 0.3;
        return new Coupling(mask, net, affine ? AffineMap.shiftThenScale(CouplingScale.sigmoid(scaleFloor))
                : new AdditiveMap());
    }

    @Override
    protected Arbitrary<Integer> channels() {
        return Arbitraries.integers().between(2, 3);
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
