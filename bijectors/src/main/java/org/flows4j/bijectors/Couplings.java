package org.flows4j.bijectors;

import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.bijectors.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The checks the tabular couplings share: the conditioner's widths and the shape of its output. */
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
}
