package org.flows4j.bijectors.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.flows4j.core.Bijector;
import org.flows4j.models.Glow;
import org.flows4j.models.NiceImage;
import org.flows4j.models.RealNvpImage;

/**
 * Whole image models through the contract kit on 4×4 images: the seed picks Glow (each permutation and coupling,
 * two levels), RealNVP (two scales) or NICE on the flattened image. 8 cases per property: a whole model is ~50×
 * a single layer's cost, and every layer type is also checked on its own with 30.
 */
@PropertyDefaults(tries = 8)
class ImageModelsContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int c = (int) eventShape[0];
        int variant = (int) (seed % 10);
        if (variant < 8) {
            return Glow.builder(c, 4, 4).levels(2).steps(1).hidden(3)
                    .permutation(Glow.Permutation.values()[variant % 4])
                    .coupling(variant < 4 ? Glow.Coupling.AFFINE : Glow.Coupling.ADDITIVE).seed(seed).build().bijector();
        }
        if (variant == 8) {
            return RealNvpImage.builder(c, 4, 4).scales(2).hidden(3).blocks(1).seed(seed).build().bijector();
        }
        return NiceImage.builder(c, 4, 4).couplings(2).hidden(5).seed(seed).build().bijector();
    }

    @Override
    protected Arbitrary<long[]> eventShapes() {
        return Arbitraries.integers().between(1, 2).map(c -> new long[] {c, 4, 4});
    }

    @Override
    protected Arbitrary<Integer> batchSizes() {
        return Arbitraries.integers().between(1, 2);
    }

    /**
     * Smaller noise than for single layers: the noise lands after ActNorm's data-dependent initialisation, so noise
     * larger than Glow's initial weights (std 0.05) grows the hidden activations by ×3 per convolution, the couplings'
     * scales fall to e^−7 and the inverse amplifies float64 round-off past the 1e-10 round-trip tolerance.
     */
    @Override
    protected double parameterScale() {
        return 0.03;
    }

    /** Inside the logit's domain (−½, ½), which RealNVP needs; the other models accept it too. */
    @Override
    public org.nd4j.linalg.api.ndarray.INDArray input(org.flows4j.testkit.BijectorCase c) {
        return super.input(c).muli(0.1);
    }
}
