package org.flows4j.bijectors.image;

import java.util.SplittableRandom;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorCase;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The logit pre-processing through the contract kit, on pixels drawn inside (−½, ½). */
class LogitTransformContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new LogitTransform(0.05);
    }

    @Override
    public INDArray input(BijectorCase c) {
        SplittableRandom random = new SplittableRandom(c.seed());
        double[] v = new double[c.batch() * c.eventSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-0.49, 0.49);
        }
        return Nd4j.create(v, c.shape(), DataType.DOUBLE);
    }

    @org.junit.jupiter.api.Test
    void valuesOutsideItsDomainAreRefusedNotTurnedIntoNaN() {
        LogitTransform logit = new LogitTransform(0.05);
        INDArray pixels = Nd4j.create(new double[] {0, 128, 255, 3}, new long[] {1, 1, 2, 2}, DataType.DOUBLE);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> logit.forwardWithLogDet(pixels));
        org.junit.jupiter.api.Assertions.assertEquals("LogitTransform: expected values in [-0.5556, 0.5556] "
                + "(dequantised pixels in [-1/2, 1/2]), got values in [0.0, 255.0]", e.getMessage());
        INDArray nan = Nd4j.create(new double[] {0.1, Double.NaN, 0.2, 0.3}, new long[] {1, 1, 2, 2}, DataType.DOUBLE);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> logit.forward(nan));
        INDArray edges = Nd4j.create(new double[] {-0.5, 0.5, 0, 0.25}, new long[] {1, 1, 2, 2}, DataType.DOUBLE);
        org.junit.jupiter.api.Assertions.assertTrue(logit.forwardWithLogDet(edges).logDet().getDouble(0) < 1e300,
                "the pixel range's edges are inside");
    }
}
