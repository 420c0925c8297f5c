package org.flows4j.bijectors.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.core.Chain;
import org.flows4j.core.Checkpoints;
import org.flows4j.core.Flow;
import org.flows4j.core.MemoryRegime;
import org.flows4j.core.ParameterVector;
import org.flows4j.core.Transformed;
import org.flows4j.models.Glow;
import org.flows4j.testkit.BijectorChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast regime (couplings keep their conditioners' activations) gives the lean regime's loss and gradients, step
 * after step, on a small float32 Glow: the same arithmetic in another order of memory use, so they agree to float32
 * rounding, {@code 1e-4} relative to the gradient's norm.
 */
class MemoryRegimesTest {
    /** A conditioner that counts its forward passes. */
    private static final class Counting implements Conditioner {
        private final Conditioner net;
        private int forwards;

        Counting(Conditioner net) {
            this.net = net;
        }

        @Override
        public INDArray forward(INDArray input) {
            forwards++;
            return net.forward(input);
        }

        @Override
        public INDArray backward(INDArray gradOutput) {
            return net.backward(gradOutput);
        }

        @Override
        public java.util.List<org.flows4j.core.Parameter> parameters() {
            return net.parameters();
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryRegime.class)
    void theFastRegimeRunsEachConditionerOncePerStep(MemoryRegime regime) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Counting net = new Counting(ConvNets.glow(2, 4, 4, Glow.GLOW_ACTNORM_FACTOR, 1));
            Chain chain = Chain.of(new org.flows4j.bijectors.Coupling(new ChannelSplit(4), net,
                    org.flows4j.bijectors.AffineMap.shiftThenScale(org.flows4j.bijectors.CouplingScale.sigmoid())))
                    .scoped();
            INDArray x = BijectorChecks.gaussian(new SplittableRandom(2), 3, 4, 4, 4);
            try (Checkpoints session = Checkpoints.open(regime)) {
                Transformed t = chain.forwardWithLogDet(x);
                chain.backward(t.output(), t.output().dup(), Nd4j.ones(DataType.DOUBLE, 3));
            }
            assertEquals(regime == MemoryRegime.FAST ? 1 : 2, net.forwards, "conditioner forward passes in " + regime);
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @ParameterizedTest
    @EnumSource(Glow.Coupling.class)
    void fastAndLeanGiveTheSameGradients(Glow.Coupling coupling) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        try {
            Flow fast = Glow.builder(1, 8, 8).levels(2).steps(2).hidden(8).coupling(coupling).seed(3).build().flow();
            Flow lean = Glow.builder(1, 8, 8).levels(2).steps(2).hidden(8).coupling(coupling).seed(3).build().flow();
            INDArray x = BijectorChecks.gaussian(new SplittableRandom(5), 6, 1, 8, 8).castTo(DataType.FLOAT);
            fast.bijector().forward(x);
            lean.bijector().forward(x);
            ParameterVector pf = ParameterVector.of(fast.parameters(), DataType.FLOAT);
            ParameterVector pl = ParameterVector.of(lean.parameters(), DataType.FLOAT);
            for (int step = 0; step < 3; step++) {
                pf.zeroGradients();
                pl.zeroGradients();
                double lossFast = fast.negativeLogLikelihoodBackward(x, MemoryRegime.FAST);
                double lossLean = lean.negativeLogLikelihoodBackward(x, MemoryRegime.LEAN);
                assertEquals(lossLean, lossFast, 1e-5 * Math.abs(lossLean), "loss at step " + step);
                double norm = pl.gradients().norm2Number().doubleValue();
                double diff = pl.gradients().sub(pf.gradients()).norm2Number().doubleValue();
                assertEquals(0, diff, 1e-4 * norm, "gradient difference at step " + step + " (norm " + norm + ")");
                pf.values().subi(pf.gradients().mul(1e-3));
                pl.values().subi(pl.gradients().mul(1e-3));
            }
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }
}
