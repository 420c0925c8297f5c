package org.flows4j.testkit;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central differences for checking hand-written gradients: {@code ∂f/∂a_i ≈ (f(a + h·e_i) − f(a − h·e_i)) / 2h},
 * perturbing one entry of an array in place and restoring it. Truncation error O(h²), round-off O(ε·|f|/h).
 */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** The partial derivative of {@code f} with respect to flat entry {@code index} of {@code values}. */
    public static double partial(INDArray values, long index, double step, DoubleSupplier f) {
        double original = values.getDouble(index);
        values.putScalar(index, original + step);
        double up = f.getAsDouble();
        values.putScalar(index, original - step);
        double down = f.getAsDouble();
        values.putScalar(index, original);
        return (up - down) / (2 * step);
    }

    /** Asserts {@code |analytic − numeric| ≤ tolerance·max(1, |numeric|)}, naming the quantity. */
    public static void assertAgrees(String what, double analytic, double numeric, double tolerance) {
        if (!(Math.abs(numeric - analytic) <= tolerance * Math.max(1, Math.abs(numeric)))) {
            throw new AssertionError(String.format("%s: backward gives %.12g, finite differences %.12g", what,
                    analytic, numeric));
        }
    }
}
