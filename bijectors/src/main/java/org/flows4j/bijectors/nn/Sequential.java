package org.flows4j.bijectors.nn;

import java.util.ArrayList;
import java.util.List;
import org.flows4j.core.Composite;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Layers applied in order, {@code h = g_L(… g_1(x))}; backward runs them in reverse. */
public final class Sequential implements Conditioner, Composite {
    private final List<Layer> layers;

    /** The network applying {@code layers} (copied) first to last. */
    public Sequential(List<? extends Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The network applying the given layers first to last. */
    public static Sequential of(Layer... layers) {
        return new Sequential(List.of(layers));
    }

    /** The layers in application order (unmodifiable). */
    public List<Layer> layers() {
        return layers;
    }

    /** Its layers, in order. */
    @Override
    public List<?> parts() {
        return layers;
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray h = x;
        for (Layer l : layers) {
            h = l.forward(h);
        }
        return h;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = gradOutput;
        for (int k = layers.size() - 1; k >= 0; k--) {
            g = layers.get(k).backward(g);
        }
        return g;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.parameters());
        }
        return all;
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
