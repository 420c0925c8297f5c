package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.ArrayMemory;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.bijectors.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The loops couplings share: gathering the identity part and writing it back in the backward pass. */
final class Couplings {
    private Couplings() {
    }

    /**
     * Refuses, at construction, an {@link Mlp} conditioner whose widths do not fit the coupling: it must map
     * {@code in} features to {@code out} ({@code what} says what the outputs are). Other conditioners are checked on
     * their first output by {@link #conditionerOutput}.
     */
    static void checkConditioner(String coupling, Conditioner conditioner, int in, int out, String what) {
        if (conditioner == null) {
            throw new IllegalArgumentException(coupling + ": expected a conditioner, got null");
        }
        if (conditioner instanceof Mlp mlp) {
            int[] w = mlp.widths();
            if (w[0] != in || w[w.length - 1] != out) {
                throw new IllegalArgumentException(coupling + ": expected a conditioner mapping " + in + " features to "
                        + out + " (" + what + "), got an Mlp from " + w[0] + " to " + w[w.length - 1]);
            }
        }
    }

    /** The conditioner's output {@code h}, checked to be {@code [rows, width]} before any loop reads it. */
    static INDArray conditionerOutput(String coupling, INDArray h, long rows, int width) {
        if (h.rank() != 2 || h.size(0) != rows || h.size(1) != width) {
            throw new IllegalArgumentException(coupling + ": expected the conditioner's output of shape [" + rows
                    + ", " + width + "], got " + java.util.Arrays.toString(h.shape()));
        }
        return h;
    }

    /** {@code x[:, columns]} as a new c-ordered {@code [N, |columns|]} array; x must be c-contiguous. */
    static INDArray gather(INDArray x, int[] columns) {
        int rows = (int) x.size(0);
        int d = (int) x.size(1);
        INDArray out = Nd4j.createUninitialized(x.dataType(), rows, columns.length);
        ArrayMemory xm = ArrayMemory.of(x);
        ArrayMemory om = ArrayMemory.of(out);
        for (int i = 0, o = 0; i < rows; i++) {
            for (int c : columns) {
                om.set(o++, xm.get(i * d + c));
            }
        }
        return out;
    }

    /**
     * For the identity part A: {@code x[:, A] = y[:, A]} and {@code dL/dx[:, A] = dL/dy[:, A] + dL/dx_A} (the
     * conditioner's input gradient, {@code [N, |A|]}).
     */
    static void scatterIdentity(INDArray y, INDArray gy, INDArray conditionerGrad, int[] a, INDArray x, INDArray gx) {
        int rows = (int) y.size(0);
        int d = (int) y.size(1);
        ArrayMemory ym = ArrayMemory.of(y);
        ArrayMemory gym = ArrayMemory.of(gy);
        ArrayMemory cm = ArrayMemory.of(ArrayMemory.contiguous(conditionerGrad));
        ArrayMemory xm = ArrayMemory.of(x);
        ArrayMemory gxm = ArrayMemory.of(gx);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < a.length; j++) {
                int at = i * d + a[j];
                xm.set(at, ym.get(at));
                gxm.set(at, gym.get(at) + cm.get(i * a.length + j));
            }
        }
    }
}
