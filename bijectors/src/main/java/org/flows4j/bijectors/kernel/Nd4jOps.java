package org.flows4j.bijectors.kernel;

import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J path of {@link Kernels} and {@link CouplingKernels}: the same results from ND4J's broadcast, transform,
 * reduction and gather ops.
 */
final class Nd4jOps {
    private Nd4jOps() {
    }

    private static INDArray vector(double[] v, DataType type) {
        return Nd4j.createFromArray(v).castTo(type);
    }

    /** The dimensions to reduce for per-channel sums: all but dimension 1. */
    private static int[] nonChannel(INDArray x) {
        int[] dims = new int[x.rank() - 1];
        dims[0] = 0;
        for (int d = 2; d < x.rank(); d++) {
            dims[d - 1] = d;
        }
        return dims;
    }

    static INDArray channelAffine(INDArray x, INDArray out, double[] scale, double[] shift, boolean relu) {
        INDArray y = out;
        if (scale != null) {
            Broadcast.mul(x, vector(scale, x.dataType()), y, 1);
        } else if (y != x) {
            y.assign(x);
        }
        if (shift != null) {
            Broadcast.add(y, vector(shift, x.dataType()), y, 1);
        }
        return relu ? Transforms.relu(y, false) : y;
    }

    static ChannelGradients channelBackward(INDArray y, INDArray g, double[] scale, boolean relu) {
        INDArray gz = relu ? g.mul(y.gt(0).castTo(g.dataType())) : g;
        INDArray gx = scale == null ? gz.dup() : Broadcast.mul(gz, vector(scale, g.dataType()), gz.ulike(), 1);
        int[] dims = nonChannel(y);
        return new ChannelGradients(gx, gz.sum(dims).toDoubleVector(), gz.mul(y).sum(dims).toDoubleVector());
    }

    /** The channel mixing as ND4J's tensor product over the channel axis of x viewed as {@code [N, C, S]}. */
    static INDArray channelMix(INDArray x, double[] weight, int[] l) {
        INDArray w = vector(weight, x.dataType()).reshape('c', l[1], l[1]);
        INDArray mixed = Nd4j.tensorMmul(w, planes(x, l), new int[][] {{1}, {1}});
        return mixed.permute(1, 0, 2).dup('c').reshape('c', x.shape());
    }

    /** {@code dL/dW[o, i] = Σ_n Σ_s g[n, o, s]·x[n, i, s]} as ND4J's tensor product, row-major. */
    static double[] channelMixWeightGradient(INDArray x, INDArray gradOutput, int[] l) {
        return values(Nd4j.tensorMmul(planes(gradOutput, l), planes(x, l), new int[][] {{0, 2}, {0, 2}}));
    }

    /** The elements of any array in row-major order as doubles, by ND4J's cast and c-ordered copy. */
    static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** x as a c-ordered {@code [N, C, S]} copy: {@code l = [N, C, S]}. */
    private static INDArray planes(INDArray x, int[] l) {
        return x.dup('c').reshape('c', l[0], l[1], l[2]);
    }

    /** ND4J's {@code conv2d}: NCHW input, {@code [k, k, C_in, C_out]} weights, "same" padding, stride 1. */
    static INDArray convolution(INDArray x, INDArray weight, double[] bias) {
        INDArray[] inputs = bias == null ? new INDArray[] {x, weight}
                : new INDArray[] {x, weight, vector(bias, x.dataType())};
        return Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(inputs)
                .addIntegerArguments(convolutionArguments(weight)).build())[0];
    }

    /** ND4J's {@code conv2d_bp}: returns dL/dx and adds dL/dW into {@code gradWeight}. */
    static INDArray convolutionBackward(INDArray x, INDArray weight, INDArray gradOutput, INDArray gradWeight) {
        INDArray[] grads = Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, weight, gradOutput)
                .addIntegerArguments(convolutionArguments(weight)).build());
        gradWeight.addi(grads[1]);
        return grads[0];
    }

    /** kH, kW, strides 1, padding 0 (unused in "same" mode), dilations 1, "same" mode, NCHW, {@code [kH, kW, iC, oC]}. */
    private static int[] convolutionArguments(INDArray weight) {
        int k = (int) weight.size(0);
        return new int[] {k, k, 1, 1, 0, 0, 1, 1, 1, 0, 0};
    }

    static double[] channelSums(INDArray x) {
        return x.sum(nonChannel(x)).toDoubleVector();
    }

    static INDArray gatherColumns(INDArray x, int[] columns) {
        return x.getColumns(columns).dup('c');
    }

    static INDArray gatherChannels(INDArray x, int[] order) {
        long[] idx = new long[order.length];
        for (int c = 0; c < order.length; c++) {
            idx[c] = order[c];
        }
        return x.get(NDArrayIndex.all(), NDArrayIndex.indices(idx), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }

    /** {@code x} as {@code [N, E]}: one flattened event per row ({@code e} elements each). */
    private static INDArray rows(INDArray x, long e) {
        return x.reshape('c', x.size(0), e);
    }

    /**
     * Column {@code index[q]} of the sources laid side by side ({@code [N, Σ widths]}, a zero column first when
     * {@code zeroFirst}), for every q: one gather over ND4J's op, on any backend.
     */
    private static INDArray select(int[] index, boolean zeroFirst, INDArray... sources) {
        INDArray[] all = sources;
        if (zeroFirst) {
            all = new INDArray[sources.length + 1];
            all[0] = Nd4j.zeros(sources[0].dataType(), sources[0].size(0), 1);
            System.arraycopy(sources, 0, all, 1, sources.length);
        }
        INDArray side = all.length == 1 ? all[0] : Nd4j.concat(1, all);
        // A single index would make the gather drop the axis: the result is always [N, |index|].
        return Nd4j.exec(new Gather(side, index, 1))[0].reshape(side.size(0), index.length);
    }

    /** The transformed elements of each row, {@code [N, K]}. */
    private static INDArray transformedOf(INDArray x, CouplingLayout l) {
        return select(l.transformedPositions(), false, rows(x, l.eventSize()));
    }

    /** Parameter p of each transformed element, {@code [N, K]} per p. */
    private static INDArray[] parametersOf(INDArray h, CouplingLayout l, int params) {
        INDArray flat = rows(h, (long) params * l.blockSize());
        INDArray[] theta = new INDArray[params];
        for (int p = 0; p < params; p++) {
            theta[p] = select(parameterPositions(l, p), false, flat);
        }
        return theta;
    }

    /** Where parameter p of each transformed element sits in a row of the conditioner's output. */
    private static int[] parameterPositions(CouplingLayout l, int p) {
        int[] at = l.parameterIndex();
        int[] index = new int[at.length];
        for (int j = 0; j < at.length; j++) {
            index[j] = p * l.blockSize() + at[j];
        }
        return index;
    }

    /** Rows {@code [N, E]} of {@code base} with the transformed positions replaced by {@code transformed}. */
    private static INDArray merged(INDArray base, INDArray transformed, CouplingLayout l) {
        int e = l.eventSize();
        int[] index = new int[e];
        for (int q = 0; q < e; q++) {
            index[q] = q;
        }
        int[] b = l.transformedPositions();
        for (int j = 0; j < b.length; j++) {
            index[b[j]] = e + j;
        }
        return select(index, false, rows(base, e), transformed);
    }

    static INDArray conditionerInput(INDArray x, CouplingLayout l) {
        int[] index = new int[l.inputSize()];
        int[] kept = l.identityPositions();
        int[] at = l.inputIndex();
        for (int i = 0; i < kept.length; i++) {
            index[at[i]] = 1 + kept[i];
        }
        return select(index, true, rows(x, l.eventSize()));
    }

    static void addConditionerGradient(INDArray g, INDArray gIn, CouplingLayout l) {
        int[] index = new int[l.eventSize()];
        int[] kept = l.identityPositions();
        int[] at = l.inputIndex();
        for (int i = 0; i < kept.length; i++) {
            index[kept[i]] = 1 + at[i];
        }
        INDArray sum = rows(g, l.eventSize()).add(select(index, true, rows(gIn, l.inputSize())));
        g.assign(sum.reshape(g.shape()));
    }

    static Transformed couplingForward(INDArray x, INDArray h, CouplingLayout l, ElementwiseMath map) {
        Transformed t = map.forward(transformedOf(x, l), parametersOf(h, l, map.parametersPerElement()));
        return new Transformed(merged(x, t.output(), l), t.logDet());
    }

    static INDArray couplingInverse(INDArray y, INDArray h, CouplingLayout l, ElementwiseMath map) {
        return merged(y, map.inverse(transformedOf(y, l), parametersOf(h, l, map.parametersPerElement())), l);
    }

    static CouplingGradients couplingBackward(INDArray y, INDArray gy, INDArray h, INDArray gLogDet, CouplingLayout l,
                                              ElementwiseMath map) {
        int params = map.parametersPerElement();
        MapGradients m = map.backward(transformedOf(y, l), transformedOf(gy, l), gLogDet.reshape(y.size(0), 1),
                parametersOf(h, l, params));
        int[] index = new int[params * l.blockSize()];
        int k = l.transformedSize();
        for (int p = 0; p < params; p++) {
            int[] at = parameterPositions(l, p);
            for (int j = 0; j < k; j++) {
                index[at[j]] = 1 + p * k + j;
            }
        }
        INDArray gh = select(index, true, m.gradParameters());
        return new CouplingGradients(merged(y, m.input(), l), merged(gy, m.gradInput(), l), gh);
    }
}
