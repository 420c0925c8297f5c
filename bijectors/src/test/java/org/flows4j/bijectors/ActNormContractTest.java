package org.flows4j.bijectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorChecks;
import org.flows4j.testkit.BijectorContract;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ActNorm through the contract kit (initialised on the case's first batch), and its data-dependent init. */
class ActNormContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new ActNorm((int) eventShape[0], seed % 2 == 0 ? 1.0 : 3.0);
    }

    /**
     * Initialises on the case's first batch together with eight fixed rows drawn from N(1, 3²): a batch of one or two
     * rows alone can have a per-channel spread near zero, and the scale 1/std it initialises would make the
     * finite-difference check ill-conditioned rather than test the bijector.
     */
    @Override
    protected void prepare(Bijector bijector, INDArray firstBatch) {
        INDArray fixed = BijectorChecks.gaussian(new SplittableRandom(1), 8, firstBatch.size(1)).muli(3).addi(1);
        ((ActNorm) bijector).initialize(Nd4j.vstack(firstBatch, fixed.castTo(firstBatch.dataType())));
    }

    @Test
    void initialisesToZeroMeanUnitVarianceOnceOnly() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(4), 500, 3).muli(5).addi(2);
        ActNorm a = new ActNorm(3);
        assertFalse(a.initialized());
        INDArray y = a.forward(x);
        assertTrue(a.initialized());
        for (int j = 0; j < 3; j++) {
            assertEquals(0, y.getColumn(j).meanNumber().doubleValue(), 1e-12);
            assertEquals(1, y.getColumn(j).std(false).getDouble(0), 1e-6);
        }
        INDArray again = a.forward(x.mul(10));
        BijectorChecks.assertClose("no re-initialisation", again, y.mul(10).addRowVector(a.bias().value().mul(-9)
                .mulRowVector(org.nd4j.linalg.ops.transforms.Transforms.exp(a.logScale().value(), true))), 1e-10);
    }
}
