package org.flows4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A transformed distribution: data x with {@code z = f(x) ~ p_Z}, so
 * {@code log p(x) = log p_Z(f(x)) + log|det ∂f/∂x|}; sampling is {@code x = f⁻¹(z)} with {@code z ~ p_Z}.
 *
 * <p>Every method checks its arrays first ({@link Shapes}): data of the flow's {@link #inputEventShape()} (a batch
 * {@code [N, …]}), latents of the base distribution's event shape, and the data type of the flow's parameters
 * ({@link #dataType()}). Arrays of another type are refused, never cast: convert the data with
 * {@code x.castTo(flow.dataType())}, or the flow with {@link #convertTo}.
 */
public final class Flow {
    private final Bijector bijector;
    private final Distribution base;
    private final long[] inputShape;

    /**
     * The distribution of {@code x = f⁻¹(z)}, {@code z ~ base}. The bijector must map the data's event shape onto the
     * base's, and all parameters must share one data type; otherwise an {@link IllegalArgumentException} says why.
     */
    public Flow(Bijector bijector, Distribution base) {
        if (bijector == null || base == null) {
            throw new IllegalArgumentException("Flow: expected a bijector and a base distribution, got "
                    + (bijector == null ? "no bijector" : "no base distribution"));
        }
        this.bijector = bijector;
        this.base = base;
        try {
            this.inputShape = bijector.inverseEventShape(base.eventShape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Flow: the bijector does not fit the base distribution's events "
                    + Shapes.batchOf(base.eventShape()) + ": " + e.getMessage(), e);
        }
        Shapes.commonType("Flow", parameters());
    }

    /** The bijector {@code f}, data to latent. */
    public Bijector bijector() {
        return bijector;
    }

    /** The base distribution {@code p_Z} of the latents. */
    public Distribution base() {
        return base;
    }

    /** The shape of one data sample (without the batch dimension): what {@code f} maps onto the base's events. */
    public long[] inputEventShape() {
        return inputShape.clone();
    }

    /** The floating-point type of the flow's parameters, or {@code null} for a flow without any (it takes either). */
    public DataType dataType() {
        return Shapes.commonType("Flow", parameters());
    }

    /**
     * Converts every parameter of the flow to {@code type} in place (values rounded to the new type) and returns
     * this flow, so data of that type can be given to it.
     */
    public Flow convertTo(DataType type) {
        if (type == null || !type.isFPType()) {
            throw new IllegalArgumentException("Flow.convertTo: expected a floating-point type (FLOAT or DOUBLE), got "
                    + type);
        }
        ParameterVector.of(parameters(), type);
        return this;
    }

    /**
     * Checks that {@code x} is a batch of data this flow takes: shape {@code [N, inputEventShape…]} and the flow's
     * data type; throws an {@link IllegalArgumentException} naming {@code where}, the expected and the actual.
     */
    public void checkData(String where, INDArray x) {
        Shapes.requireBatch(where, x, inputShape);
        Shapes.requireType(where, x, dataType());
    }

    private void checkLatent(String where, INDArray z) {
        Shapes.requireBatch(where, z, base.eventShape());
        Shapes.requireType(where, z, dataType());
    }

    /** {@code log p(x)} per sample, shape {@code [N]}. */
    public INDArray logProb(INDArray x) {
        checkData("Flow.logProb", x);
        Transformed t = bijector.forwardWithLogDet(x);
        Shapes.requireLogDet(bijector, t.logDet(), x.size(0));
        return base.logProb(t.output()).addi(t.logDet());
    }

    /** The latent code {@code z = f(x)}. */
    public INDArray encode(INDArray x) {
        checkData("Flow.encode", x);
        return bijector.forward(x);
    }

    /** The data point {@code x = f⁻¹(z)}. */
    public INDArray decode(INDArray z) {
        checkLatent("Flow.decode", z);
        return bijector.inverse(z);
    }

    /** {@code n} samples at temperature T (T = 1 samples the model; T &lt; 1 draws from a sharper base). */
    public INDArray sample(long n, double temperature, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("Flow.sample: expected n >= 1 samples, got " + n);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Flow.sample: expected a finite temperature >= 0, got " + temperature);
        }
        INDArray z = base.sample(n, temperature, new SplittableRandom(seed));
        DataType type = dataType();
        return decode(type == null || z.dataType() == type ? z : z.castTo(type));
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
        return negativeLogLikelihoodBackward(x, MemoryRegime.LEAN);
    }

    /**
     * {@link #negativeLogLikelihoodBackward(INDArray)} in the given {@link MemoryRegime}: the same loss and gradients
     * (to rounding), with coupling activations recomputed ({@code LEAN}) or kept from the forward pass ({@code FAST}).
     */
    public double negativeLogLikelihoodBackward(INDArray x, MemoryRegime regime) {
        checkData("Flow.negativeLogLikelihoodBackward", x);
        long n = x.size(0);
        // Everything the step allocates outside its parts' own workspaces lives in one workspace that the next step
        // reuses: memory stays flat from step to step instead of waiting for the garbage collector.
        try (MemoryWorkspace step = Nd4j.getWorkspaceManager().getAndActivateWorkspace(PartScope.CONFIG,
                "flows4j-step");
             Checkpoints session = Checkpoints.open(regime)) {
            Transformed t = bijector.forwardWithLogDet(x);
            Shapes.requireLogDet(bijector, t.logDet(), n);
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
        checkData("Flow.logProbInBatches", x);
        if (batchSize < 1) {
            throw new IllegalArgumentException("Flow.logProbInBatches: expected batchSize >= 1, got " + batchSize);
        }
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
