package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.LogScale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How an {@link AffineMap} turns the conditioner's raw output h into its scale {@code s(h)} and log-scale, for
 * {@code y = x·s + t} or {@code y = (x + t)·s}.
 * Applied element by element, on the host one value at a time and on the ND4J path as array ops ({@link LogScale}).
 */
public sealed interface CouplingScale extends LogScale {

    /** RealNVP's form, a soft-clamped exponent: {@code log s = B·tanh(h/B)}, so s ∈ (e^−B, e^B). */
    static CouplingScale expTanh(double bound) {
        return new ExpTanh(bound);
    }

    /** Glow's form: {@code s = sigmoid(h + 2)}, so s ∈ (0, 1) and s = 0.88 at h = 0. */
    static CouplingScale sigmoid() {
        return new Sigmoid(0);
    }

    /**
     * Glow's form with a floor ε in [0, 1): {@code s = ε + (1 − ε)·sigmoid(h + 2)}, so s ∈ (ε, 1). The floor bounds
     * how much the inverse can amplify an error in y, by at most 1/ε per coupling.
     */
    static CouplingScale sigmoid(double floor) {
        return new Sigmoid(floor);
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

    /**
     * {@code s = ε + (1 − ε)·σ} with {@code σ = sigmoid(h + 2)}: {@code log s} (for ε = 0 the stable
     * {@code −softplus(−(h + 2))}) and {@code d log s/dh = (1 − ε)·σ·(1 − σ)/s} (for ε = 0, {@code 1 − σ}).
     */
    record Sigmoid(double floor) implements CouplingScale {
        /** Checks that the floor ε is in [0, 1). */
        public Sigmoid {
            if (!(floor >= 0 && floor < 1)) {
                throw new IllegalArgumentException("the sigmoid scale's floor must be in [0, 1), got " + floor);
            }
        }

        private static double sigma(double h) {
            return 1 / (1 + Math.exp(-(h + 2)));
        }

        @Override
        public double logScale(double h) {
            double u = h + 2;
            return floor == 0 ? Math.min(u, 0) - Math.log1p(Math.exp(-Math.abs(u)))
                    : Math.log(floor + (1 - floor) * sigma(h));
        }

        @Override
        public double scale(double h, double logScale) {
            return scale(h);
        }

        /** {@code ε + (1 − ε)·σ}, without computing {@code log s}. */
        @Override
        public double scale(double h) {
            return floor + (1 - floor) * sigma(h);
        }

        @Override
        public double derivative(double h) {
            double sig = sigma(h);
            return floor == 0 ? 1 - sig : (1 - floor) * sig * (1 - sig) / (floor + (1 - floor) * sig);
        }

        @Override
        public INDArray logScale(INDArray h) {
            return floor == 0 ? Transforms.softPlus(h.add(2).negi(), false).negi() : Transforms.log(scale(h), false);
        }

        @Override
        public INDArray scale(INDArray h) {
            return Transforms.sigmoid(h.add(2), false).muli(1 - floor).addi(floor);
        }

        @Override
        public INDArray derivative(INDArray h) {
            if (floor == 0) {
                // 1 − σ(u) as σ(−u): in float32 1 − σ rounds to 0 from u ≈ 17 on, σ(−u) keeps its digits.
                return Transforms.sigmoid(h.add(2).negi(), false);
            }
            INDArray sig = Transforms.sigmoid(h.add(2), false);
            return sig.mul(sig.rsub(1)).muli(1 - floor).divi(sig.mul(1 - floor).addi(floor));
        }
    }
}
