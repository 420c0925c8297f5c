package org.flows4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All parameters of a model laid out in one flat value vector θ and one flat gradient vector dL/dθ.
 *
 * <p>Each {@link Parameter} is rebound to views of the two vectors, so an optimizer works on the flat arrays
 * and the bijectors see the update without any copy. A parameter shared by two bijectors is laid out once.
 */
public final class ParameterVector {
    private final List<Parameter> parameters;
    private final INDArray values;
    private final INDArray gradients;

    private ParameterVector(List<Parameter> parameters, INDArray values, INDArray gradients) {
        this.parameters = parameters;
        this.values = values;
        this.gradients = gradients;
    }

    /** Lays out the given parameters (duplicates by identity removed) in the given data type. */
    public static ParameterVector of(List<Parameter> parameters, DataType dataType) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> unique = new ArrayList<>();
        long total = 0;
        for (Parameter p : parameters) {
            if (seen.add(p)) {
                unique.add(p);
                total += p.length();
            }
        }
        INDArray values = Nd4j.create(dataType, 1, Math.max(total, 1));
        INDArray gradients = Nd4j.create(dataType, 1, Math.max(total, 1));
        long offset = 0;
        for (Parameter p : unique) {
            long n = p.length();
            INDArray v = values.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n)).reshape('c', p.shape());
            INDArray g = gradients.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n)).reshape('c', p.shape());
            v.assign(p.value().castTo(dataType));
            g.assign(0);
            p.bind(v, g);
            offset += n;
        }
        return new ParameterVector(List.copyOf(unique), values, gradients);
    }

    /** The laid-out parameters in layout order, each appearing once. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** θ as a {@code [1, size]} row; writes go straight to the bound parameters. */
    public INDArray values() {
        return values;
    }

    /** dL/dθ as a {@code [1, size]} row. */
    public INDArray gradients() {
        return gradients;
    }

    /** The total number of scalars over all parameters, the length of θ (0 when there are none). */
    public long size() {
        return parameters.stream().mapToLong(Parameter::length).sum();
    }

    /** Sets every entry of dL/dθ to zero, typically before each training step. */
    public void zeroGradients() {
        gradients.assign(0);
    }

    /** A copy of θ, e.g. to keep the best model seen so far. */
    public INDArray snapshot() {
        return values.dup();
    }

    /** Writes a snapshot taken with {@link #snapshot()} back into θ. */
    public void restore(INDArray snapshot) {
        values.assign(snapshot);
    }
}
