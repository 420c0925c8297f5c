package org.flows4j.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.RealMatrix;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checks behind {@link BijectorContract}, usable on their own. Each throws an {@link AssertionError} naming the
 * quantity, the sample and both values when the bijector breaks the contract. All are meant for float64 arrays.
 *
 * <p>Tolerances, all of the form {@code |a − b| ≤ tol·max(1, |b|)}:
 * round trip 1e-10 (a bijection computed in float64 loses a few ulps per layer, far below that);
 * log-det against the numerical Jacobian 1e-6 (central differences with h = 1e-6 are accurate to about 1e-9 in
 * each entry); gradients against central differences 1e-6 (h = 1e-6, truncation ≈ 1e-12, round-off ≈ 1e-9).
 * A mismatch is re-measured once at a 10× smaller step before it fails, because a step straddling a ReLU kink
 * gives a wrong difference quotient; a wrong log-det or gradient disagrees at both steps. A log-det that still
 * disagrees is compared again at up to {@link #MOVED_POINTS} points moved 1e-3 away (a chain of several networks
 * can put a sample within a step of kinks in more than one; a wrong log-det disagrees at every point).
 */
public final class BijectorChecks {
    public static final double ROUND_TRIP_TOLERANCE = 1e-10;
    public static final double LOG_DET_TOLERANCE = 1e-6;
    /** How many points moved 1e-3 away a log-det check tries when kinks of ReLU networks spoil the numerical Jacobian. */
    static final int MOVED_POINTS = 3;
    public static final double GRADIENT_TOLERANCE = 1e-6;
    public static final double GRADIENT_STEP = 1e-6;
    /** Entries of each parameter checked against finite differences (all of them for small parameters). */
    public static final int ENTRIES_PER_PARAMETER = 6;

    private BijectorChecks() {
    }

    public static void roundTrip(Bijector b, INDArray x) {
        INDArray back = b.inverse(b.forward(x));
        assertClose("inverse(forward(x))", back, x, ROUND_TRIP_TOLERANCE);
    }

    public static void inverseRoundTrip(Bijector b, INDArray z) {
        INDArray back = b.forward(b.inverse(z));
        assertClose("forward(inverse(z))", back, z, ROUND_TRIP_TOLERANCE);
    }

    /** Forward and log-det at a data point x, and the inverse at a latent point z, are finite. */
    public static void finiteOutputs(Bijector b, INDArray x, INDArray z) {
        Transformed t = b.forwardWithLogDet(x);
        assertFinite("forward(x)", t.output());
        assertFinite("logAbsDetJacobian(x)", t.logDet());
        assertFinite("inverse(z)", b.inverse(z));
    }

    public static void logDetShapeAndFusion(Bijector b, INDArray x) {
        Transformed t = b.forwardWithLogDet(x);
        if (t.logDet().rank() != 1 || t.logDet().length() != x.size(0)) {
            throw new AssertionError("logAbsDetJacobian must have shape [N] = [" + x.size(0) + "], was "
                    + Arrays.toString(t.logDet().shape()));
        }
        if (!Arrays.equals(x.shape(), b.inverse(t.output()).shape())) {
            throw new AssertionError("inverse(forward(x)) has shape " + Arrays.toString(b.inverse(t.output()).shape())
                    + ", x has " + Arrays.toString(x.shape()));
        }
        if (t.output().length() != x.length()) {
            throw new AssertionError("forward changed the size " + x.length() + " to " + t.output().length());
        }
        assertClose("forward(x) vs forwardWithLogDet(x).output", b.forward(x), t.output(), ROUND_TRIP_TOLERANCE);
        assertClose("logAbsDetJacobian(x) vs forwardWithLogDet(x).logDet", b.logAbsDetJacobian(x), t.logDet(),
                ROUND_TRIP_TOLERANCE);
    }

    public static void logDetMatchesNumericalJacobian(Bijector b, INDArray x) {
        INDArray logDet = b.logAbsDetJacobian(x);
        for (int n = 0; n < x.size(0); n++) {
            double actual = logDet.getDouble(n);
            double expected = NumericalJacobian.logAbsDet(NumericalJacobian.at(b::forward, x, n));
            if (!matches(actual, expected)) {
                // A ReLU kink inside the step spoils one column; a correct log-det matches at a 10x smaller step.
                expected = NumericalJacobian.logAbsDet(NumericalJacobian.at(b::forward, x, n, NumericalJacobian.STEP / 10));
            }
            for (int attempt = 0; attempt < MOVED_POINTS && !matches(actual, expected); attempt++) {
                // A sample within a step's reach of kinks in several networks of a chain: compare both log-dets again
                // at a point moved 1e-3 away, in up to MOVED_POINTS directions (the kinks are a set of measure zero;
                // a wrong log-det stays wrong at every point).
                INDArray moved = x.dup('c');
                INDArray row = moved.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n));
                row.addi(gaussian(new SplittableRandom(n + 1000L * attempt), row.shape()).castTo(x.dataType())
                        .muli(1e-3));
                actual = b.logAbsDetJacobian(moved).getDouble(n);
                expected = NumericalJacobian.logAbsDet(NumericalJacobian.at(b::forward, moved, n));
            }
            if (!matches(actual, expected)) {
                throw new AssertionError(String.format(
                        "log|det J| at sample %d: logAbsDetJacobian gives %.12g, the numerical Jacobian %.12g",
                        n, actual, expected));
            }
        }
    }

    private static boolean matches(double actual, double expected) {
        return Math.abs(actual - expected) <= LOG_DET_TOLERANCE * Math.max(1, Math.abs(expected));
    }

    public static void inverseLogDetIsNegated(Bijector b, INDArray x) {
        INDArray y = b.forward(x);
        Transformed inv = b.inverseWithLogDet(y);
        assertClose("inverseWithLogDet(f(x)).output", inv.output(), x, ROUND_TRIP_TOLERANCE);
        assertClose("inverseWithLogDet(f(x)).logDet vs −logAbsDetJacobian(x)", inv.logDet(),
                b.logAbsDetJacobian(x).neg(), LOG_DET_TOLERANCE);
    }

    /**
     * Checks {@code backward} for the scalar {@code L = Σ w⊙f(x) + Σ v⊙logdet(x)} with random weights:
     * the recomputed input, {@code dL/dx} against central differences, and {@code dL/dθ} of every parameter.
     */
    public static void backwardMatchesFiniteDifferences(Bijector b, INDArray x, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Transformed t = b.forwardWithLogDet(x);
        INDArray w = gaussian(random, t.output().shape());
        INDArray v = gaussian(random, x.size(0));
        for (Parameter p : b.parameters()) {
            p.grad().assign(0);
        }
        Backward back = b.backward(t.output(), w, v);
        assertClose("backward(f(x)).input (the recomputed x)", back.input(), x, ROUND_TRIP_TOLERANCE);
        if (!Arrays.equals(back.gradInput().shape(), x.shape())) {
            throw new AssertionError("dL/dx has shape " + Arrays.toString(back.gradInput().shape()) + ", x has "
                    + Arrays.toString(x.shape()));
        }
        checkInputGradient(b, x, w, v, back.gradInput());
        for (Parameter p : b.parameters()) {
            checkParameterGradient(b, p, x, w, v, random);
        }
    }

    /** Per-sample loss {@code L_n = Σ_e w[n,e]·f(x)[n,e] + v[n]·logdet[n]}, shape [N]. */
    private static INDArray perSampleLoss(Bijector b, INDArray x, INDArray w, INDArray v) {
        Transformed t = b.forwardWithLogDet(x);
        long n = x.size(0);
        INDArray wy = t.output().mul(w).reshape('c', n, t.output().length() / n).sum(1);
        return wy.addi(t.logDet().mul(v));
    }

    private static void checkInputGradient(Bijector b, INDArray x, INDArray w, INDArray v, INDArray grad) {
        long n = x.size(0);
        int e = Math.toIntExact(x.length() / n);
        INDArray flat = x.dup('c').reshape(n, e);
        INDArray g = grad.dup('c').reshape(n, e);
        // Samples are independent, so one column perturbed in every sample at once gives N derivatives.
        for (int j = 0; j < e; j++) {
            INDArray plus = flat.dup();
            plus.getColumn(j).addi(GRADIENT_STEP);
            INDArray minus = flat.dup();
            minus.getColumn(j).subi(GRADIENT_STEP);
            INDArray lp = perSampleLoss(b, plus.reshape(x.shape()), w, v);
            INDArray lm = perSampleLoss(b, minus.reshape(x.shape()), w, v);
            for (int s = 0; s < n; s++) {
                double numeric = (lp.getDouble(s) - lm.getDouble(s)) / (2 * GRADIENT_STEP);
                double analytic = g.getDouble(s, j);
                if (!agrees(analytic, numeric)) {
                    INDArray sample = flat.dup();
                    int row = s;
                    numeric = retried(sample, (long) row * e + j, analytic, numeric,
                            () -> perSampleLoss(b, sample.reshape(x.shape()), w, v).getDouble(row));
                }
                FiniteDifferences.assertAgrees("dL/dx at sample " + s + ", element " + j, analytic, numeric,
                        GRADIENT_TOLERANCE);
            }
        }
    }

    private static void checkParameterGradient(Bijector b, Parameter p, INDArray x, INDArray w, INDArray v,
                                               SplittableRandom random) {
        long length = p.length();
        int checks = (int) Math.min(length, ENTRIES_PER_PARAMETER);
        INDArray value = p.value();
        for (int k = 0; k < checks; k++) {
            long index = length <= ENTRIES_PER_PARAMETER ? k : random.nextLong(length);
            java.util.function.DoubleSupplier loss = () -> perSampleLoss(b, x, w, v).sumNumber().doubleValue();
            double numeric = FiniteDifferences.partial(value, index, GRADIENT_STEP, loss);
            if (!agrees(p.grad().getDouble(index), numeric)) {
                numeric = retried(value, index, p.grad().getDouble(index), numeric, loss);
            }
            FiniteDifferences.assertAgrees("dL/d" + p.name() + " at flat index " + index, p.grad().getDouble(index),
                    numeric, GRADIENT_TOLERANCE);
        }
    }

    private static boolean agrees(double analytic, double numeric) {
        return Math.abs(numeric - analytic) <= GRADIENT_TOLERANCE * Math.max(1, Math.abs(numeric));
    }

    /**
     * A central difference that missed {@code analytic} at {@link #GRADIENT_STEP}, tried again at a step 10x smaller
     * (the first straddled a ReLU kink) and 100x larger (rounding: a central difference errs by about eps*|L|/h, which
     * at h = 1e-6 swamps a derivative of 0.1 once the loss L reaches 10^4, while the truncation error, about
     * h^2*|L'''|/6, stays small at h = 1e-4); the first retry that agrees, else the first value, which the assertion
     * then names.
     */
    private static double retried(INDArray values, long index, double analytic, double first,
                                  java.util.function.DoubleSupplier loss) {
        for (double step : new double[] {GRADIENT_STEP / 10, GRADIENT_STEP * 100}) {
            double numeric = FiniteDifferences.partial(values, index, step, loss);
            if (agrees(analytic, numeric)) {
                return numeric;
            }
        }
        return first;
    }

    /** Asserts every entry is finite. */
    public static void assertFinite(String what, INDArray a) {
        double[] values = a.dup('c').reshape(a.length()).toDoubleVector();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new AssertionError(what + " has a non-finite entry at flat index " + i + ": " + values[i]);
            }
        }
    }

    /** Asserts {@code |actual − expected| ≤ tol·max(1, |expected|)} entrywise, naming the worst entry. */
    public static void assertClose(String what, INDArray actual, INDArray expected, double tolerance) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        double[] a = actual.dup('c').reshape(actual.length()).toDoubleVector();
        double[] e = expected.dup('c').reshape(expected.length()).toDoubleVector();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= tolerance * Math.max(1, Math.abs(e[i])))) {
                throw new AssertionError(String.format("%s differs at flat index %d: %.15g, expected %.15g (tolerance %.1e)",
                        what, i, a[i], e[i], tolerance));
            }
        }
    }

    /** A float64 array of standard normal draws. */
    public static INDArray gaussian(SplittableRandom random, long... shape) {
        long size = Arrays.stream(shape).reduce(1, (p, q) -> p * q);
        double[] values = new double[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return Nd4j.create(values, shape, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }
}
