package org.flows4j.bijectors.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected ReLU network {@code h = W_L·relu(…relu(W_1·x + b_1)…) + b_L} with He-normal initial weights
 * and a zero-initialised last layer, so a coupling layer built on it starts as the identity.
 */
public final class Mlp implements Conditioner {
    private final int[] widths;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    private final INDArray[] inputs;

    /** A network {@code in → hidden[0] → … → out}; weights drawn from {@code seed}. */
    public Mlp(int in, int[] hidden, int out, long seed) {
        widths = new int[hidden.length + 2];
        widths[0] = in;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = out;
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l + 1 < widths.length; l++) {
            boolean last = l + 2 == widths.length;
            double std = last ? 0 : Math.sqrt(2.0 / widths[l]);
            double[] w = new double[widths[l] * widths[l + 1]];
            for (int i = 0; i < w.length; i++) {
                w[i] = std * random.nextGaussian();
            }
            weights.add(new Parameter("W" + l, Nd4j.create(w, new long[] {widths[l], widths[l + 1]},
                    Nd4j.defaultFloatingPointType())));
            biases.add(new Parameter("b" + l, Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, widths[l + 1])));
        }
        inputs = new INDArray[weights.size()];
    }

    public int[] widths() {
        return widths.clone();
    }

    @Override
    public INDArray forward(INDArray input) {
        INDArray a = input;
        for (int l = 0; l < weights.size(); l++) {
            inputs[l] = a;
            INDArray z = a.mmul(weights.get(l).value()).addiRowVector(biases.get(l).value());
            a = l + 1 < weights.size() ? Transforms.relu(z, false) : z;
        }
        return a;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = gradOutput;
        for (int l = weights.size() - 1; l >= 0; l--) {
            INDArray a = inputs[l];
            Nd4j.gemm(a, g, weights.get(l).grad(), true, false, 1.0, 1.0);
            biases.get(l).grad().addi(g.sum(true, 0));
            INDArray gradIn = Nd4j.gemm(g, weights.get(l).value(), false, true);
            // a = relu(z) of the layer below, so relu'(z) = [a > 0].
            g = l > 0 ? gradIn.muli(a.gt(0).castTo(a.dataType())) : gradIn;
            inputs[l] = null;
        }
        return g;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            all.add(weights.get(l));
            all.add(biases.get(l));
        }
        return all;
    }

    @Override
    public String toString() {
        return "Mlp" + Arrays.toString(widths);
    }
}
