package org.flows4j.bijectors.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorCase;
import org.flows4j.testkit.BijectorContract;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract kit over small {@code [C, H, W]} events; a first forward pass on the case's batch runs every
 * data-dependent initialisation before the parameters are perturbed.
 */
abstract class ImageContract extends BijectorContract {

    /** Channel counts to try. */
    protected Arbitrary<Integer> channels() {
        return Arbitraries.integers().between(1, 3);
    }

    /** Side lengths to try (height and width drawn separately). */
    protected Arbitrary<Integer> sides() {
        return Arbitraries.integers().between(2, 3);
    }

    @Override
    protected Arbitrary<long[]> eventShapes() {
        return Combinators.combine(channels(), sides(), sides()).as((c, h, w) -> new long[] {c, h, w});
    }

    @Override
    protected Arbitrary<Integer> batchSizes() {
        return Arbitraries.integers().between(1, 3);
    }

    /**
     * Data-dependent initialisation on a batch of 8 inputs drawn like the case's own: a single small image gives
     * ActNorm a channel standard deviation of a handful of values (or none, at 1×1 after two squeezes).
     */
    @Override
    protected void prepare(Bijector bijector, INDArray firstBatch) {
        long[] event = java.util.Arrays.copyOfRange(firstBatch.shape(), 1, firstBatch.rank());
        bijector.forward(input(new BijectorCase(8, event, 12345)));
    }
}
