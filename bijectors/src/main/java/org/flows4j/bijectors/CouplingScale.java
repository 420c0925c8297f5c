package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.LogScale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How an affine coupling turns the conditioner's raw output h into a log-scale: {@code y = x·exp(log s(h)) + t}.
 * Applied element by element, on the host one value at a time and on the ND4J path as array ops ({@link LogScale}).
 */
public sealed interface CouplingScale extends LogScale {

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
        /** Checks that the bound B is positive and finite. */
        public ExpTanh {
            if (!(bound > 0) || Double.isInfinite(bound)) {
                throw new IllegalArgumentException("bound must be positive and finite, got " + bound);
            }
        }

        @Override
        public double logScale(double h) {
            return bound * Math.tanh(h / bound);
        }

        @Override
        public double derivative(double h) {
            double t = Math.tanh(h / bound);
            return 1 - t * t;
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
        public double logScale(double h) {
            double u = h + 2;
            return Math.min(u, 0) - Math.log1p(Math.exp(-Math.abs(u)));
        }

        @Override
        public double derivative(double h) {
            return 1 / (1 + Math.exp(h + 2));
        }

        @Override
        public INDArray logScale(INDArray h) {
            return Transforms.softPlus(h.add(2).negi(), false).negi();
        }

        @Override
        public INDArray derivative(INDArray h) {
            return Transforms.sigmoid(h.add(2).negi(), false);
        }
    }
}
