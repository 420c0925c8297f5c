package org.flows4j.bijectors.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flows4j.core.Bijector;
import org.flows4j.core.Checkpoints;
import org.flows4j.core.Flow;
import org.flows4j.core.ParameterVector;
import org.flows4j.core.Transformed;
import org.flows4j.models.Glow;
import org.flows4j.testkit.BijectorChecks;
import org.flows4j.testkit.BijectorContract;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A checkpointed chain's backward pass in a training step hands every part the output it produced, exactly where the
 * part's input was kept and within one affine inverse's rounding where the part has a stable inverse; the gradient
 * equals the fully recomputed one wherever recomputation is exact (float64).
 */
class CheckpointedChainTest {

    private static INDArray images(long seed, DataType type, long n, long c, long h, long w) {
        return BijectorChecks.gaussian(new SplittableRandom(seed), n, c, h, w).muli(0.3).castTo(type);
    }

    @Test
    void backwardInASessionReturnsTheForwardInputToWithinOneStepsRounding() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Bijector glow = Glow.builder(1, 8, 8).levels(2).steps(8).hidden(4).seed(3).build().bijector();
        glow.forward(images(4, DataType.FLOAT, 16, 1, 8, 8));
        INDArray x = images(3, DataType.FLOAT, 2, 1, 8, 8);
        BijectorContract.randomizeParameters(glow, 3, 0.05);
        INDArray checkpointed;
        Transformed t;
        INDArray g;
        try (Checkpoints session = Checkpoints.open()) {
            t = glow.forwardWithLogDet(x);
            g = Nd4j.onesLike(t.output());
            checkpointed = glow.backward(t.output(), g, Nd4j.ones(DataType.FLOAT, 2)).input().dup();
            assertEquals(0, session.pending(), "every saved input taken back");
        }
        INDArray recomputed = glow.backward(t.output(), g, Nd4j.ones(DataType.FLOAT, 2)).input();
        double keptError = Transforms.abs(checkpointed.sub(x)).maxNumber().doubleValue();
        double recomputedError = Transforms.abs(recomputed.sub(x)).maxNumber().doubleValue();
        // Each input comes back at most one ActNorm and one 1×1 convolution inverse away from a kept one: a few
        // float32 roundings of values below 1 (ulp 6e-8), where recomputing through all 2 × 8 steps drifts by ~1e-3.
        assertTrue(keptError <= 3e-7, "input from the checkpointed backward pass off by " + keptError);
        assertTrue(recomputedError > 100 * keptError, "full recomputation off by " + recomputedError
                + ", the checkpointed pass by " + keptError);
    }

    @Test
    void trainingGradientEqualsTheRecomputedGradientInFloat64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Flow flow = Glow.builder(1, 8, 8).levels(3).steps(2).hidden(4).seed(11).build().flow();
        INDArray x = images(5, DataType.DOUBLE, 3, 1, 8, 8);
        flow.bijector().forward(x);
        BijectorContract.randomizeParameters(flow.bijector(), 5, 0.03);
        ParameterVector params = ParameterVector.of(flow.parameters(), DataType.DOUBLE);

        params.zeroGradients();
        double nll = flow.negativeLogLikelihoodBackward(x);
        INDArray withCheckpoints = params.gradients().dup();

        params.zeroGradients();
        Transformed t = flow.bijector().forwardWithLogDet(x);
        INDArray gradLogProb = Nd4j.valueArrayOf(new long[] {3}, -1.0 / 3, DataType.DOUBLE);
        flow.bijector().backward(t.output(), flow.base().backward(t.output(), gradLogProb), gradLogProb);

        assertEquals(-flow.logProb(x).meanNumber().doubleValue(), nll, 1e-10);
        BijectorChecks.assertClose("gradient", withCheckpoints, params.gradients(), 1e-9);
    }
}
