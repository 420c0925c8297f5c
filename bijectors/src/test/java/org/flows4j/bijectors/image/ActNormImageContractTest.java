package org.flows4j.bijectors.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ActNorm on images through the contract kit (log-scale factors 1 and Glow's 3 on alternate seeds, so the gradient check
 * covers {@code dL/dθ = f·dL/ds}), and its per-channel data-dependent initialisation.
 */
class ActNormImageContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new ActNorm((int) eventShape[0], seed % 2 == 0 ? 1.0 : 3.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 3.0})
    void initialisesEachChannelToZeroMeanUnitVarianceOnceOnly(double factor) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(4), 16, 3, 5, 5).muli(5).addi(2);
        ActNorm a = new ActNorm(3, factor);
        assertFalse(a.initialized());
        INDArray y = a.forward(x);
        assertTrue(a.initialized());
        for (int c = 0; c < 3; c++) {
            INDArray channel = y.get(NDArrayIndex.all(), NDArrayIndex.point(c)).dup();
            assertEquals(0, channel.meanNumber().doubleValue(), 1e-12, "mean of channel " + c);
            assertEquals(1, channel.stdNumber().doubleValue() * Math.sqrt((channel.length() - 1.0) / channel.length()),
                    1e-6, "std of channel " + c);
        }
        BijectorChecks.assertClose("second call keeps the parameters", a.forward(x), y, 1e-12);
        assertFalse(a.initialize(x.mul(7)));
    }

    @Test
    void zeroInitialisedStartsAtIdentityAndNeverInitialisesFromData() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(5), 2, 2, 3, 3).muli(4);
        ActNorm a = ActNorm.zeroInitialized(2, 3.0);
        BijectorChecks.assertClose("identity", a.forward(x), x, 0);
        assertEquals(0, a.logAbsDetJacobian(x).getDouble(0), 0);
    }
}
