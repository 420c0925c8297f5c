package org.flows4j.bijectors;

import java.util.SplittableRandom;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/** Fixed standardization with seeded means and scales through the contract kit. */
class StandardizationContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = (int) eventShape[0];
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = 3 * r.nextGaussian();
            scale[i] = Math.exp(r.nextGaussian());
        }
        return new Standardization(mean, scale);
    }
}
