package org.flows4j.bijectors.kernel;

import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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

    /** The row {@code 1 − b} over one event (1 where transformed), or null when all are transformed. */
    private static INDArray transformedRow(boolean[] keep, DataType type) {
        return keep == null ? null : keptRow(keep, false, type);
    }

    /**
     * {@code (1 − m) ⊙ base + m ⊙ full} per row: with m in {0, 1} each element is exactly one of the two (one term is
     * an exact 0), so kept elements pass bit for bit.
     */
    private static INDArray blend(INDArray base, INDArray full, INDArray m) {
        if (m == null) {
            return full;
        }
        INDArray kept = base.reshape(base.size(0), m.length()).mulRowVector(m.rsub(1));
        return kept.addi(full.reshape(base.size(0), m.length()).mulRowVector(m)).reshape(base.shape());
    }

    private static INDArray masked(INDArray v, INDArray m) {
        return m == null ? v : v.reshape(v.size(0), m.length()).mulRowVector(m).reshape(v.shape());
    }

    static Transformed sigmoidAffineForward(INDArray x, INDArray t, INDArray a, double floor, boolean[] keep) {
        INDArray m = transformedRow(keep, x.dataType());
        INDArray s = sigmaAndScale(a, floor)[1];
        INDArray logS = floor == 0 ? Transforms.softPlus(a.add(2).negi(), false).negi() : Transforms.log(s, true);
        return new Transformed(blend(x, x.add(t).muli(s), m), rowSums(masked(logS, m)));
    }

    static INDArray sigmoidAffineInverse(INDArray y, INDArray t, INDArray a, double floor, boolean[] keep) {
        return blend(y, y.div(sigmaAndScale(a, floor)[1]).subi(t), transformedRow(keep, y.dataType()));
    }

    static AffineGradients sigmoidAffineBackward(INDArray y, INDArray g, INDArray t, INDArray a, INDArray gLogDet,
                                                 double floor, boolean[] keep) {
        INDArray m = transformedRow(keep, y.dataType());
        INDArray[] ss = sigmaAndScale(a, floor);
        INDArray sig = ss[0];
        INDArray s = ss[1];
        INDArray x = blend(y, y.div(s).subi(t), m);
        INDArray gs = g.mul(s);
        INDArray dLogS = floor == 0 ? sig.rsub(1) : sig.rsub(1).muli(sig).muli(1 - floor).divi(s);
        INDArray inner = g.mul(y);
        INDArray flat = inner.reshape(y.size(0), y.length() / y.size(0));
        flat.addiColumnVector(gLogDet.reshape(y.size(0), 1).castTo(y.dataType()));
        return new AffineGradients(x, blend(g, gs, m), masked(gs, m), masked(flat.reshape(y.shape()).muli(dLogS), m));
    }

    static INDArray gatherColumns(INDArray x, int[] columns) {
        return x.getColumns(columns).dup('c');
    }

    /** Column {@code j} of a table as a view of shape {@code [N]}. */
    private static INDArray column(INDArray table, int j) {
        return table.get(NDArrayIndex.all(), NDArrayIndex.point(j));
    }

    static void addToColumns(INDArray target, INDArray values, int[] columns) {
        for (int j = 0; j < columns.length; j++) {
            column(target, columns[j]).addi(column(values, j));
        }
    }

    static INDArray shiftColumns(INDArray in, INDArray t, int[] b, double sign) {
        INDArray out = in.dup('c');
        for (int j = 0; j < b.length; j++) {
            column(out, b[j]).addi(column(t, j).mul(sign));
        }
        return out;
    }

    private static void putColumns(INDArray target, INDArray values, int[] columns) {
        for (int j = 0; j < columns.length; j++) {
            column(target, columns[j]).assign(column(values, j));
        }
    }

    static Transformed affineCoupling(INDArray in, INDArray h, int[] b, LogScale scale, boolean forward) {
        int k = b.length;
        INDArray xb = gatherColumns(in, b);
        INDArray t = h.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k));
        INDArray logS = scale.logScale(h.get(NDArrayIndex.all(), NDArrayIndex.interval(k, 2 * k)));
        INDArray yb = forward ? xb.mul(Transforms.exp(logS, true)).addi(t)
                : xb.sub(t).muli(Transforms.exp(logS.neg(), false));
        INDArray out = in.dup('c');
        putColumns(out, yb, b);
        INDArray logDet = logS.sum(1);
        return new Transformed(out, forward ? logDet : logDet.negi());
    }

    static CouplingGradients affineCouplingBackward(INDArray y, INDArray gy, INDArray h, INDArray gLogDet, int[] b,
                                                    LogScale scale) {
        int k = b.length;
        INDArray t = h.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k));
        INDArray raw = h.get(NDArrayIndex.all(), NDArrayIndex.interval(k, 2 * k));
        INDArray s = Transforms.exp(scale.logScale(raw), false);
        INDArray xb = gatherColumns(y, b).subi(t).divi(s);
        INDArray g = gatherColumns(gy, b);
        INDArray x = y.dup('c');
        putColumns(x, xb, b);
        INDArray gx = gy.dup('c');
        putColumns(gx, g.mul(s), b);
        INDArray graw = g.mul(xb).muli(s).addiColumnVector(gLogDet.reshape(y.size(0), 1).castTo(y.dataType()))
                .muli(scale.derivative(raw));
        return new CouplingGradients(x, gx, Nd4j.concat(1, g, graw));
    }

    static INDArray gatherChannels(INDArray x, int[] order) {
        long[] idx = new long[order.length];
        for (int c = 0; c < order.length; c++) {
            idx[c] = order[c];
        }
        return x.get(NDArrayIndex.all(), NDArrayIndex.indices(idx), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }

    /** 1 on the elements whose {@code keep} equals {@code kept}, as a row over one event. */
    private static INDArray keptRow(boolean[] keep, boolean kept, DataType type) {
        double[] m = new double[keep.length];
        for (int e = 0; e < keep.length; e++) {
            m[e] = keep[e] == kept ? 1 : 0;
        }
        return Nd4j.createFromArray(m).reshape(1, keep.length).castTo(type);
    }

    static INDArray mask(INDArray x, boolean[] keep, boolean kept) {
        return masked(x, keptRow(keep, kept, x.dataType()));
    }

    static void addKept(INDArray target, INDArray values, boolean[] keep) {
        target.addi(mask(values, keep, true));
    }

    static INDArray shiftTransformed(INDArray x, INDArray t, boolean[] keep, double sign) {
        return x.add(mask(t, keep, false).muli(sign));
    }
}
