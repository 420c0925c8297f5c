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
}
