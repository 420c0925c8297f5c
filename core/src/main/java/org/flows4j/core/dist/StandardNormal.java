package org.flows4j.core.dist;

import java.util.random.RandomGenerator;
import org.flows4j.core.Distribution;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The standard normal N(0, I): {@code log p(z) = −½ Σ z² − (D/2)·log 2π}. */
public final class StandardNormal implements Distribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private final long[] eventShape;

    /** The distribution over events of shape {@code eventShape}: one or more sizes, each at least 1. */
    public StandardNormal(long... eventShape) {
        this.eventShape = Events.checkedShape("StandardNormal", eventShape);
    }

    @Override
    public long[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public INDArray logProb(INDArray z) {
        Events.check(this, "logProb", z, null);
        INDArray flat = Events.flat(z);
        return flat.mul(flat).sum(1).muli(-0.5).subi(HALF_LOG_TWO_PI * flat.size(1));
    }

    @Override
    public INDArray sample(long n, double temperature, RandomGenerator random) {
        Events.checkSample(this, n, temperature);
        return Events.fill(n, eventShape, random, r -> temperature * r.nextGaussian());
    }

    @Override
    public INDArray backward(INDArray z, INDArray gradLogProb) {
        Events.check(this, "backward", z, gradLogProb);
        return Events.flat(z).mulColumnVector(gradLogProb.reshape(z.size(0), 1)).negi().reshape(z.shape());
    }

    @Override
    public String toString() {
        return "StandardNormal" + java.util.Arrays.toString(eventShape);
    }
}
