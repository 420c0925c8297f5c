package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.nn.ArrayMemory;
import org.flows4j.core.Backward;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.FixedEventShape;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activation normalization (Glow) for {@code [N, D]} features: {@code y = (x + b) ⊙ exp(s)} with trainable bias b and
 * log-scale s, {@code log|det J| = Σ s}.
 *
 * <p>Data-dependent initialisation: the first call of {@link #initialize} (or the first forward pass, if nobody
 * called it) sets {@code b = −mean(x)} and {@code s = −log(std(x) + 1e-6)} per feature, so that batch comes out with
 * zero mean and unit variance. The {@link #initialized()} flag is part of the model's state: once set, it never
 * re-initialises.
 */
public final class ActNorm implements FixedEventShape, DataInitialized {
    private final int dim;
    private final Parameter bias;
    private final Parameter logScale;
    private boolean initialized;

    /** An uninitialised layer over {@code dim} features, with b = 0 and s = 0 until the first batch sets them. */
    public ActNorm(int dim) {
        this.dim = dim;
        bias = new Parameter("bias", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, dim));
        logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, dim));
    }

    /** The number of features D. */
    public int dim() {
        return dim;
    }

    /** Whether b and s have been set from data (or the layer was marked initialised when loaded). */
    @Override
    public boolean initialized() {
        return initialized;
    }

    /** Marks the layer as initialised without touching its parameters (used when loading a saved model). */
    @Override
    public void markInitialized() {
        initialized = true;
    }

    /** Sets b and s from the batch {@code x} unless already initialised; returns whether it did. */
    public boolean initialize(INDArray x) {
        if (initialized) {
            return false;
        }
        INDArray mean = x.mean(true, 0);
        INDArray std = x.std(false, true, 0);
        bias.value().assign(mean.neg().castTo(bias.value().dataType()));
        logScale.value().assign(org.nd4j.linalg.ops.transforms.Transforms.log(std.add(1e-6), false).negi()
                .castTo(logScale.value().dataType()));
        initialized = true;
        return true;
    }

    /** The bias b, a {@code [1, D]} row. */
    public Parameter bias() {
        return bias;
    }

    /** The log-scale s, a {@code [1, D]} row; the layer multiplies by {@code exp(s)}. */
    public Parameter logScale() {
        return logScale;
    }

    private double[] row(Parameter p) {
        double[] v = new double[dim];
        ArrayMemory m = ArrayMemory.of(p.value());
        for (int j = 0; j < dim; j++) {
            v[j] = m.get(j);
        }
        return v;
    }

    /** The event shape {@code [dim]}: this layer takes and keeps no other. */
    @Override
    public long[] eventShape() {
        return new long[] {dim};
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        initialize(x);
        x = ArrayMemory.contiguous(x);
        int rows = (int) x.size(0);
        double[] b = row(bias);
        double[] s = row(logScale);
        double sum = 0;
        double[] scale = new double[dim];
        for (int j = 0; j < dim; j++) {
            scale[j] = Math.exp(s[j]);
            sum += s[j];
        }
        INDArray y = Nd4j.createUninitialized(x.dataType(), rows, dim);
        ArrayMemory xm = ArrayMemory.of(x);
        ArrayMemory ym = ArrayMemory.of(y);
        for (int i = 0, k = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++, k++) {
                ym.set(k, (xm.get(k) + b[j]) * scale[j]);
            }
        }
        return new Transformed(y, Nd4j.valueArrayOf(new long[] {rows}, sum, x.dataType()));
    }

    @Override
    public INDArray inverse(INDArray y) {
        y = ArrayMemory.contiguous(y);
        int rows = (int) y.size(0);
        double[] b = row(bias);
        double[] s = row(logScale);
        INDArray x = Nd4j.createUninitialized(y.dataType(), rows, dim);
        ArrayMemory ym = ArrayMemory.of(y);
        ArrayMemory xm = ArrayMemory.of(x);
        for (int i = 0, k = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++, k++) {
                xm.set(k, ym.get(k) * Math.exp(-s[j]) - b[j]);
            }
        }
        return x;
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        y = ArrayMemory.contiguous(y);
        INDArray g = ArrayMemory.contiguous(gradOutput);
        int rows = (int) y.size(0);
        double[] s = row(logScale);
        INDArray gx = Nd4j.createUninitialized(y.dataType(), rows, dim);
        ArrayMemory ym = ArrayMemory.of(y);
        ArrayMemory gm = ArrayMemory.of(g);
        ArrayMemory gxm = ArrayMemory.of(gx);
        double[] gradBias = new double[dim];
        double[] gradLogScale = new double[dim];
        // y = (x + b)·e^s:  dL/dx = g·e^s,  dL/db = Σ_n g·e^s,  dL/ds = Σ_n g·y + Σ_n dL/dlogdet.
        for (int i = 0, k = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++, k++) {
                double gs = gm.get(k) * Math.exp(s[j]);
                gxm.set(k, gs);
                gradBias[j] += gs;
                gradLogScale[j] += gm.get(k) * ym.get(k);
            }
        }
        double gld = gradLogDet.sumNumber().doubleValue();
        ArrayMemory bg = ArrayMemory.of(bias.grad());
        ArrayMemory sg = ArrayMemory.of(logScale.grad());
        for (int j = 0; j < dim; j++) {
            bg.add(j, gradBias[j]);
            sg.add(j, gradLogScale[j] + gld);
        }
        return new Backward(inverse(y), gx);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(bias, logScale);
    }

    @Override
    public String toString() {
        return "ActNorm[" + dim + (initialized ? ", initialized" : "") + "]";
    }
}
