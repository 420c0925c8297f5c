package org.flows4j.bijectors.kernel;

import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The ND4J path of {@link Kernels}: the same results from ND4J's broadcast, transform and reduction ops. */
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

    static double[] channelSums(INDArray x) {
        return x.sum(nonChannel(x)).toDoubleVector();
    }

    /** {@code σ = sigmoid(a + 2)} and {@code s = ε + (1 − ε)·σ}. */
    private static INDArray[] sigmaAndScale(INDArray a, double floor) {
        INDArray sig = Transforms.sigmoid(a.add(2), false);
        return new INDArray[] {sig, sig.mul(1 - floor).addi(floor)};
    }

    private static INDArray rowSums(INDArray v) {
        return v.reshape(v.size(0), v.length() / v.size(0)).sum(1);
    }

    static Transformed sigmoidAffineForward(INDArray x, INDArray t, INDArray a, double floor) {
        INDArray s = sigmaAndScale(a, floor)[1];
        INDArray logS = floor == 0 ? Transforms.softPlus(a.add(2).negi(), false).negi() : Transforms.log(s, true);
        return new Transformed(x.add(t).muli(s), rowSums(logS));
    }

    static INDArray sigmoidAffineInverse(INDArray y, INDArray t, INDArray a, double floor) {
        return y.div(sigmaAndScale(a, floor)[1]).subi(t);
    }

    static AffineGradients sigmoidAffineBackward(INDArray y, INDArray g, INDArray t, INDArray a, INDArray gLogDet,
                                                 double floor) {
        INDArray[] ss = sigmaAndScale(a, floor);
        INDArray sig = ss[0];
        INDArray s = ss[1];
        INDArray x = y.div(s).subi(t);
        INDArray gx = g.mul(s);
        INDArray dLogS = floor == 0 ? sig.rsub(1) : sig.rsub(1).muli(sig).muli(1 - floor).divi(s);
        INDArray inner = g.mul(y);
        INDArray flat = inner.reshape(y.size(0), y.length() / y.size(0));
        flat.addiColumnVector(gLogDet.reshape(y.size(0), 1).castTo(y.dataType()));
        return new AffineGradients(x, gx, gx, flat.reshape(y.shape()).muli(dLogS));
    }
}
