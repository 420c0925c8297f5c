package org.flows4j.bijectors.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fully connected ReLU network {@code h = W_L·relu(…relu(W_1·x + b_1)…) + b_L} with He-normal initial weights
 * and a zero-initialised last layer, so a coupling layer built on it starts as the identity.
 *
 * <p>Each layer is one {@link Kernels#product} into buffers kept per batch size, with the bias and ReLU fused into
 * it forward; backward, weight gradients accumulate straight into the parameters' gradient views. The arrays returned
 * by {@link #forward} and {@link #backward} belong to the network and are overwritten by its next call.
 */
public final class Mlp implements Conditioner {
    private final int[] widths;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    private final INDArray[] inputs;
    private INDArray[] outputStore;
    private INDArray[] gradInputStore;
    private INDArray[] outputs;
    private INDArray[] gradInputs;
    private long capacity = -1;
    private long bufferRows = -1;
    private DataType bufferType;

    /** A network {@code in → hidden[0] → … → out}, every width at least 1; weights drawn from {@code seed}. */
    public Mlp(int in, int[] hidden, int out, long seed) {
        if (in < 1 || out < 1 || java.util.Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("Mlp: expected widths >= 1, got " + in + " -> "
                    + java.util.Arrays.toString(hidden) + " -> " + out);
        }
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

    /** The layer widths {@code [in, hidden…, out]}. */
    public int[] widths() {
        return widths.clone();
    }

    /** Buffers for {@code rows} rows: the first rows of storage sized for the largest batch seen (c-contiguous views). */
    private void ensureBuffers(long rows, DataType type) {
        if (rows == bufferRows && type == bufferType) {
            return;
        }
        if (rows > capacity || type != bufferType) {
            outputStore = new INDArray[weights.size()];
            gradInputStore = new INDArray[weights.size()];
            // Kept across calls, so never inside a workspace a caller may have open.
            try (var outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                for (int l = 0; l < weights.size(); l++) {
                    outputStore[l] = Nd4j.createUninitialized(type, rows, widths[l + 1]);
                    gradInputStore[l] = Nd4j.createUninitialized(type, rows, widths[l]);
                }
            }
            capacity = rows;
        }
        outputs = new INDArray[weights.size()];
        gradInputs = new INDArray[weights.size()];
        for (int l = 0; l < weights.size(); l++) {
            outputs[l] = rows == capacity ? outputStore[l] : outputStore[l].get(NDArrayIndex.interval(0, rows));
            gradInputs[l] = rows == capacity ? gradInputStore[l] : gradInputStore[l].get(NDArrayIndex.interval(0, rows));
        }
        bufferRows = rows;
        bufferType = type;
    }

    @Override
    public INDArray forward(INDArray input) {
        INDArray a = Kernels.contiguous(input);
        int rows = (int) a.size(0);
        ensureBuffers(rows, a.dataType());
        for (int l = 0; l < weights.size(); l++) {
            inputs[l] = a;
            INDArray z = outputs[l];
            Kernels.product(a, false, weights.get(l).value(), false, z, false, Kernels.values(biases.get(l).value()),
                    l + 1 < weights.size());
            a = z;
        }
        return a;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = Kernels.contiguous(gradOutput);
        for (int l = weights.size() - 1; l >= 0; l--) {
            INDArray a = inputs[l];
            Kernels.product(a, true, g, false, weights.get(l).grad(), true, null, false);
            addColumnSums(g, biases.get(l).grad(), widths[l + 1]);
            INDArray gradIn = gradInputs[l];
            Kernels.product(g, false, weights.get(l).value(), true, gradIn, false, null, false);
            if (l > 0) {
                reluBackward(gradIn, a);
            }
            inputs[l] = null;
            g = gradIn;
        }
        return g;
    }

    /** {@code target[j] += Σ_i g[i, j]}. */
    private static void addColumnSums(INDArray g, INDArray target, int cols) {
        Kernels.addTo(target, Kernels.channelSums(g, cols));
    }

    /** {@code g ← g ⊙ [a > 0]}, with a = relu(z) of the layer below, so [a > 0] = relu'(z). */
    private static void reluBackward(INDArray g, INDArray a) {
        Kernels.reluBackwardInPlace(g, a);
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
