package org.flows4j.core.dist;

import java.util.random.RandomGenerator;
import org.flows4j.core.Distribution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The standard logistic distribution, independent per dimension, NICE's prior:
 * {@code log p(z) = −Σ [softplus(z) + softplus(−z)]}, with {@code ∂log p/∂z = −tanh(z/2)}.
 */
public final class StandardLogistic implements Distribution {
    private final long[] eventShape;

    /** The distribution over events of shape {@code eventShape}: one or more sizes, each at least 1. */
    public StandardLogistic(long... eventShape) {
        this.eventShape = Events.checkedShape("StandardLogistic", eventShape);
    }

    @Override
    public long[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public INDArray logProb(INDArray z) {
        Events.check(this, "logProb", z, null);
        // softplus(z) + softplus(−z) = |z| + 2·log(1 + exp(−|z|)), stable for any z.
        INDArray a = Transforms.abs(Events.flat(z), true);
        INDArray tail = Transforms.log(Transforms.exp(a.neg(), false).addi(1), false).muli(2);
        return a.addi(tail).sum(1).negi();
    }

    @Override
    public INDArray sample(long n, double temperature, RandomGenerator random) {
        Events.checkSample(this, n, temperature);
        return Events.fill(n, eventShape, random, r -> {
            double u = r.nextDouble();
            while (u == 0.0) {
                u = r.nextDouble();
            }
            return temperature * Math.log(u / (1 - u));
        });
    }

    @Override
    public INDArray backward(INDArray z, INDArray gradLogProb) {
        Events.check(this, "backward", z, gradLogProb);
        INDArray dLogP = Transforms.tanh(Events.flat(z).mul(0.5), false).negi();
        return dLogP.muliColumnVector(gradLogProb.reshape(z.size(0), 1)).reshape(z.shape());
    }

    @Override
    public String toString() {
        return "StandardLogistic" + java.util.Arrays.toString(eventShape);
    }
}
