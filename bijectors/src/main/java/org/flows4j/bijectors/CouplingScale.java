package org.flows4j.bijectors;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How an affine coupling turns the conditioner's raw output h into a log-scale: {@code y = x·exp(log s(h)) + t}.
 */
public sealed interface CouplingScale {

    /** {@code log s(h)}, elementwise. */
    INDArray logScale(INDArray h);

    /** {@code d log s / dh}, elementwise. */
    INDArray derivative(INDArray h);

    /** RealNVP's form, a soft-clamped exponent: {@code log s = B·tanh(h/B)}, so s ∈ (e^−B, e^B). */
    static CouplingScale expTanh(double bound) {
        return new ExpTanh(bound);
    }

    /** Glow's form: {@code s = sigmoid(h + 2)}, so s ∈ (0, 1) and s = 0.88 at h = 0. */
    static CouplingScale sigmoid() {
        return new Sigmoid();
    }

    /** {@code log s = B·tanh(h/B)}; {@code d log s/dh = 1 − tanh²(h/B)}. */
    record ExpTanh(double bound) implements CouplingScale {
        public ExpTanh {
            if (!(bound > 0) || Double.isInfinite(bound)) {
                throw new IllegalArgumentException("bound must be positive and finite, got " + bound);
            }
        }

        @Override
        public INDArray logScale(INDArray h) {
            return Transforms.tanh(h.div(bound), false).muli(bound);
        }

        @Override
        public INDArray derivative(INDArray h) {
            INDArray t = Transforms.tanh(h.div(bound), false);
            return t.muli(t).rsubi(1);
        }
    }

    /** {@code log s = log sigmoid(h + 2) = −softplus(−(h + 2))}; {@code d log s/dh = sigmoid(−(h + 2))}. */
    record Sigmoid() implements CouplingScale {
        @Override
        public INDArray logScale(INDArray h) {
            // −softplus(−u) = min(u, 0) − log(1 + exp(−|u|)), stable for any u = h + 2.
            INDArray u = h.add(2);
            INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(u, true).negi(), false).addi(1), false);
            return Transforms.min(u, 0.0, false).subi(tail);
        }

        @Override
        public INDArray derivative(INDArray h) {
            return Transforms.sigmoid(h.add(2).negi(), false);
        }
    }
}
