package org.flows4j.bijectors;

import java.util.SplittableRandom;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorChecks;
import org.nd4j.linalg.api.ndarray.INDArray;
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
                .actNorm(seed % 5 < 2)
                .seed(seed).build().bijector();
    }

    /** Initialises any ActNorm on a 16-row batch (a single row has no spread to normalise). */
    @Override
    protected void prepare(Bijector bijector, INDArray firstBatch) {
        bijector.forward(BijectorChecks.gaussian(new SplittableRandom(3), 16, firstBatch.size(1)).muli(2));
    }

    /** Three stacked couplings compound their scales; this keeps the total within the range trained models reach. */
    @Override
    protected double parameterScale() {
        return 0.15;
    }
}
