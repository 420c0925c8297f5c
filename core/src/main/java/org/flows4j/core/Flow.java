package org.flows4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.core.dist.Distribution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A transformed distribution: data x with {@code z = f(x) ~ p_Z}, so
 * {@code log p(x) = log p_Z(f(x)) + log|det ∂f/∂x|}; sampling is {@code x = f⁻¹(z)} with {@code z ~ p_Z}.
 */
public final class Flow {
    private final Bijector bijector;
    private final Distribution base;

    public Flow(Bijector bijector, Distribution base) {
        this.bijector = bijector;
        this.base = base;
    }

    public Bijector bijector() {
        return bijector;
    }

    public Distribution base() {
        return base;
    }

    /** {@code log p(x)} per sample, shape {@code [N]}. */
    public INDArray logProb(INDArray x) {
        Transformed t = bijector.forwardWithLogDet(x);
        return base.logProb(t.output()).addi(t.logDet());
    }

    /** The latent code {@code z = f(x)}. */
    public INDArray encode(INDArray x) {
        return bijector.forward(x);
    }

    /** The data point {@code x = f⁻¹(z)}. */
    public INDArray decode(INDArray z) {
        return bijector.inverse(z);
    }

    /** {@code n} samples at temperature T (T = 1 samples the model; T &lt; 1 draws from a sharper base). */
    public INDArray sample(long n, double temperature, long seed) {
        return decode(base.sample(n, temperature, new SplittableRandom(seed)));
    }

    /** All trainable parameters: the bijector's, then the base distribution's. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(bijector.parameters());
        all.addAll(base.parameters());
        return all;
    }

    /**
     * The mean negative log-likelihood of a batch, {@code L = −(1/N) Σ log p(x_n)}, with {@code dL/dθ} added into
     * every parameter's gradient through the invertible backward pass (inside a {@link Checkpoints} session).
     */
    public double negativeLogLikelihoodBackward(INDArray x) {
        long n = x.size(0);
        try (Checkpoints session = Checkpoints.open()) {
            Transformed t = bijector.forwardWithLogDet(x);
            INDArray logProb = base.logProb(t.output()).addi(t.logDet());
            INDArray gradLogProb = Nd4j.valueArrayOf(new long[] {n}, -1.0 / n, logProb.dataType());
            INDArray gradZ = base.backward(t.output(), gradLogProb);
            bijector.backward(t.output(), gradZ, gradLogProb);
            return -logProb.meanNumber().doubleValue();
        }
    }

    /** The mean negative log-likelihood {@code −(1/N) Σ log p(x_n)} in nats, evaluated in batches. */
    public double meanNegativeLogLikelihood(INDArray x, int batchSize) {
        return -logProbInBatches(x, batchSize).meanNumber().doubleValue();
    }

    /**
     * {@code log p(x)} per row of a large array, evaluated {@code batchSize} rows at a time. Each batch runs in a
     * memory workspace ({@link PartScope}) that the next batch reuses, so the intermediate arrays cost no fresh
     * allocation; only the log-densities are written out.
     */
    public INDArray logProbInBatches(INDArray x, int batchSize) {
        long n = x.size(0);
        INDArray out = Nd4j.create(x.dataType(), n);
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray rows = x.get(NDArrayIndex.interval(start, end));
            INDArray target = out.get(NDArrayIndex.interval(start, end));
            PartScope.run(() -> target.assign(logProb(rows)), (written, parent) -> written);
        }
        return out;
    }
}
