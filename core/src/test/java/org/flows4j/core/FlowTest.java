package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.flows4j.core.dist.DiagonalGaussian;
import org.flows4j.core.dist.StandardNormal;
import org.flows4j.testkit.BijectorChecks;
import org.flows4j.testkit.BijectorContract;
import org.flows4j.testkit.FiniteDifferences;
import org.flows4j.testkit.ScaleShift;
import org.flows4j.testkit.Sinh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Flow's density, sampling, encode/decode and the gradient of its mean NLL. */
class FlowTest {

    private static Flow flow(long seed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Chain chain = Chain.of(new ScaleShift(3), new Sinh(), new ScaleShift(3));
        BijectorContract.randomizeParameters(chain, seed, 0.3);
        DiagonalGaussian base = new DiagonalGaussian(3);
        base.mean().value().assign(0.2);
        base.logScale().value().assign(-0.1);
        return new Flow(chain, base);
    }

    @Property(tries = 15)
    void logProbIsBasePlusLogDet(@ForAll @LongRange(max = 1000) long seed) {
        Flow f = flow(seed);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(seed), 5, 3);
        INDArray expected = f.base().logProb(f.encode(x)).add(f.bijector().logAbsDetJacobian(x));
        BijectorChecks.assertClose("log p(x)", f.logProb(x), expected, 1e-12);
        BijectorChecks.assertClose("decode(encode(x))", f.decode(f.encode(x)), x, 1e-10);
        BijectorChecks.assertClose("batched log p", f.logProbInBatches(x, 2), expected, 1e-12);
    }

    @Property(tries = 10)
    void nllGradientMatchesFiniteDifferences(@ForAll @LongRange(max = 1000) long seed) {
        Flow f = flow(seed);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(seed), 4, 3);
        f.parameters().forEach(p -> p.grad().assign(0));
        double nll = f.negativeLogLikelihoodBackward(x);
        assertEquals(-f.logProb(x).meanNumber().doubleValue(), nll, 1e-12);
        double h = 1e-6;
        for (Parameter p : f.parameters()) {
            for (int j = 0; j < p.length(); j++) {
                double numeric = FiniteDifferences.partial(p.value(), j, h, () -> f.meanNegativeLogLikelihood(x, 4));
                FiniteDifferences.assertAgrees(p.name(), p.grad().getDouble(j), numeric, 1e-6);
            }
        }
    }

    /**
     * A training step through scoped, checkpointed chains — saved inputs kept by reference or copied out of a part's
     * workspace, gradients handed between parts through the carry buffers, a nested chain — gives the plain chain's
     * loss and gradients, step after step. Float64; 1e-12 allows for the saved inputs standing in for recomputed ones.
     */
    @Property(tries = 10)
    void scopedCheckpointedChainsGiveThePlainChainsGradientsInBothRegimes(@ForAll @LongRange(max = 1000) long seed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        // Parts with a stable inverse keep no input and hand their outputs on through carry buffers: runs of them,
        // one before a part that keeps its input, and one last.
        Flow plain = new Flow(Chain.of(new StableScaleShift(3), new StableScaleShift(3), new Sinh(),
                Chain.of(new ScaleShift(3), new StableScaleShift(3), new ScaleShift(3)), new ScaleShift(3),
                new StableScaleShift(3)), new DiagonalGaussian(3));
        Flow scoped = new Flow(Chain.of(new StableScaleShift(3), new StableScaleShift(3), new Sinh(),
                Chain.of(new ScaleShift(3), new StableScaleShift(3), new ScaleShift(3)).scoped().checkpointed(),
                new ScaleShift(3), new StableScaleShift(3)).scoped().checkpointed(), new DiagonalGaussian(3));
        assertSameTrainingStepAsPlain(plain, scoped, seed, 2);
    }

    /**
     * A scoped chain that is not checkpointed copies its parts' outputs instead of carrying them, so a checkpointed
     * chain nested in it keeps valid inputs: same loss and gradients as the plain chains (float64, 1e-12).
     */
    @Property(tries = 5)
    void aScopedChainAroundACheckpointedOneGivesThePlainChainsGradients(@ForAll @LongRange(max = 1000) long seed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Flow plain = new Flow(Chain.of(new StableScaleShift(3), Chain.of(new ScaleShift(3), new StableScaleShift(3)),
                new ScaleShift(3), new Sinh()), new DiagonalGaussian(3));
        Flow scoped = new Flow(Chain.of(new StableScaleShift(3), Chain.of(new ScaleShift(3), new StableScaleShift(3))
                .scoped().checkpointed(), new ScaleShift(3), new Sinh()).scoped(), new DiagonalGaussian(3));
        assertSameTrainingStepAsPlain(plain, scoped, seed, 1);
    }

    /**
     * {@code steps} training steps of {@code scoped} in each memory regime give {@code plain}'s loss and gradients to
     * 1e-12 (float64), both flows' parameters randomised from {@code seed}.
     */
    private static void assertSameTrainingStepAsPlain(Flow plain, Flow scoped, long seed, int steps) {
        BijectorContract.randomizeParameters(plain.bijector(), seed, 0.3);
        BijectorContract.randomizeParameters(scoped.bijector(), seed, 0.3);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(seed), 6, 3);
        plain.parameters().forEach(p -> p.grad().assign(0));
        double expected = plain.negativeLogLikelihoodBackward(x);
        for (MemoryRegime regime : MemoryRegime.values()) {
            for (int step = 0; step < steps; step++) {
                scoped.parameters().forEach(p -> p.grad().assign(0));
                assertEquals(expected, scoped.negativeLogLikelihoodBackward(x, regime), 1e-12, regime + " loss");
                for (int i = 0; i < plain.parameters().size(); i++) {
                    BijectorChecks.assertClose(regime + " step " + step + " gradient of "
                            + plain.parameters().get(i).name(), scoped.parameters().get(i).grad(),
                            plain.parameters().get(i).grad(), 1e-12);
                }
            }
        }
    }

    @Property(tries = 5)
    void sampleAtZeroTemperatureIsTheDecodedMode(@ForAll @LongRange(max = 1000) long seed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Chain chain = Chain.of(new ScaleShift(2), new Sinh());
        BijectorContract.randomizeParameters(chain, seed, 0.3);
        Flow f = new Flow(chain, new StandardNormal(2));
        INDArray s = f.sample(3, 0.0, seed);
        BijectorChecks.assertClose("sample at T=0", s, f.decode(Nd4j.zeros(DataType.DOUBLE, 3, 2)), 1e-12);
        BijectorChecks.assertClose("same seed, same samples", f.sample(4, 1.0, seed), f.sample(4, 1.0, seed), 0);
    }

    /** {@link ScaleShift} declaring a stable inverse, so that a checkpointed chain keeps no input for it. */
    static final class StableScaleShift extends ScaleShift {
        StableScaleShift(int dim) {
            super(dim);
        }

        @Override
        public boolean stableInverse() {
            return true;
        }
    }

    @org.junit.jupiter.api.Test
    void aBatchWithoutRowsIsRefusedRatherThanAveragedIntoNaN() {
        Flow flow = flow(1);
        INDArray none = Nd4j.zeros(DataType.DOUBLE, 0, 3);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> flow.meanNegativeLogLikelihood(none, 8));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith(
                ": expected at least one row, got an array of shape [0, 3]"), e.getMessage());
    }
}
