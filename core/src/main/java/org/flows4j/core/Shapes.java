package org.flows4j.core;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checks every public entry point runs before touching an array: batch along dimension 0, an expected event
 * shape, and one floating-point type. Each failure is an {@link IllegalArgumentException} that names where it
 * happened, what was expected and what came, raised before any native call.
 *
 * <p>The data-type rule is the same everywhere: a flow computes in the type of its parameters, and an array of
 * another type is refused (never cast silently). Convert the data with {@code x.castTo(type)} or the flow with
 * {@link Flow#convertTo}.
 */
public final class Shapes {
    private Shapes() {
    }

    /** The event shape of a batch {@code [N, e₁, …]}: its shape without dimension 0. Needs rank ≥ 2. */
    public static long[] eventShape(String where, INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException(where + ": expected an array, got null");
        }
        if (x.rank() < 2) {
            throw new IllegalArgumentException(where + ": expected a batch [N, …] with the batch along dimension 0, got "
                    + "an array of shape " + Arrays.toString(x.shape()) + " (reshape one sample to [1, …])");
        }
        return Arrays.copyOfRange(x.shape(), 1, x.rank());
    }

    /**
     * Checks that {@code x} is a batch of events of shape {@code expected}: {@code [N, expected…]} with at least one
     * row (a mean over no rows is NaN, and a data-dependent initialisation would take its statistics from nothing).
     */
    public static void requireBatch(String where, INDArray x, long[] expected) {
        long[] actual = eventShape(where, x);
        if (!Arrays.equals(actual, expected)) {
            throw new IllegalArgumentException(where + ": expected an array of shape " + batchOf(expected) + ", got "
                    + Arrays.toString(x.shape()));
        }
        if (x.size(0) < 1) {
            throw new IllegalArgumentException(where + ": expected at least one row, got an array of shape "
                    + Arrays.toString(x.shape()));
        }
    }

    /**
     * Checks that a bijector accepts events of shape {@code actual}; {@code expected} is the one it accepts.
     * For {@link Bijector#forwardEventShape} and {@link Bijector#inverseEventShape} implementations.
     */
    public static void requireEvent(Object who, long[] expected, long[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalArgumentException(name(who) + ": expected arrays of shape " + batchOf(expected)
                    + ", got " + batchOf(actual));
        }
    }

    /** {@link #requireEvent} for a bijector that keeps the shape: returns a copy of {@code actual} once checked. */
    public static long[] same(Object who, long[] expected, long[] actual) {
        requireEvent(who, expected, actual);
        return actual.clone();
    }

    /**
     * Checks image events {@code [C, H, W]} with {@code C = channels} (any height and width) and returns a copy, for
     * bijectors that keep the shape.
     */
    public static long[] channels(Object who, long channels, long[] actual) {
        if (actual.length != 3 || actual[0] != channels) {
            throw new IllegalArgumentException(name(who) + ": expected arrays of shape [N, " + channels + ", H, W], got "
                    + batchOf(actual));
        }
        return actual.clone();
    }

    /**
     * Checks per-channel events, {@code [C]} (a table's features) or {@code [C, H, W]} (an image's channels) with
     * {@code C = channels}, and returns a copy, for bijectors that keep the shape.
     */
    public static long[] featuresOrChannels(Object who, long channels, long[] actual) {
        if ((actual.length != 1 && actual.length != 3) || actual[0] != channels) {
            throw new IllegalArgumentException(name(who) + ": expected arrays of shape [N, " + channels + "] or [N, "
                    + channels + ", H, W], got " + batchOf(actual));
        }
        return actual.clone();
    }

    /** Checks that {@code x} holds floating-point values of type {@code expected} (when it is not null). */
    public static void requireType(String where, INDArray x, DataType expected) {
        DataType actual = x.dataType();
        if (!actual.isFPType()) {
            throw new IllegalArgumentException(where + ": expected floating-point data (" + (expected == null
                    ? "FLOAT or DOUBLE" : expected) + "), got " + actual + "; convert with x.castTo(DataType."
                    + (expected == null ? "FLOAT" : expected) + ")");
        }
        if (expected != null && actual != expected) {
            throw new IllegalArgumentException(where + ": expected " + expected + " data (the type of the model's "
                    + "parameters), got " + actual + "; convert the data with x.castTo(DataType." + expected
                    + ") or the model with flow.convertTo(DataType." + actual + ")");
        }
    }

    /**
     * Checks the arguments of a {@link Bijector#backward}: {@code gradOutput} of {@code y}'s shape and type, and
     * {@code gradLogDet} of shape {@code [N]} and the same type.
     */
    public static void requireGradients(String where, INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        if (gradOutput == null || !Arrays.equals(gradOutput.shape(), y.shape())) {
            throw new IllegalArgumentException(where + ": expected gradOutput of the output's shape "
                    + Arrays.toString(y.shape()) + ", got " + (gradOutput == null ? "null"
                    : Arrays.toString(gradOutput.shape())));
        }
        if (gradLogDet == null || gradLogDet.rank() != 1 || gradLogDet.size(0) != y.size(0)) {
            throw new IllegalArgumentException(where + ": expected gradLogDet of shape [" + y.size(0) + "], got "
                    + (gradLogDet == null ? "null" : Arrays.toString(gradLogDet.shape())));
        }
        requireType(where + " gradOutput", gradOutput, y.dataType());
        requireType(where + " gradLogDet", gradLogDet, y.dataType());
    }

    /** The one type of these parameters, or {@code null} when there are none; mixed types are refused. */
    public static DataType commonType(String where, List<Parameter> parameters) {
        DataType type = null;
        for (Parameter p : parameters) {
            DataType t = p.value().dataType();
            if (type == null) {
                type = t;
            } else if (t != type) {
                throw new IllegalArgumentException(where + ": parameters of mixed types (" + type + " and " + t
                        + ", at " + p.name() + "); convert the whole model with flow.convertTo(type)");
            }
        }
        return type;
    }

    /** {@code [N, e₁, …]} as text. */
    public static String batchOf(long[] eventShape) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        j.add("N");
        for (long d : eventShape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /**
     * Checks that {@code logDet}, what {@code who} returned for a batch of {@code n} samples, holds one value per
     * sample ({@code [n]}); a log-det of another shape would be broadcast over the batch or cut to it.
     */
    public static void requireLogDet(Object who, INDArray logDet, long n) {
        if (!onePerSample(logDet, n)) {
            throw new IllegalArgumentException(name(who) + ": returned a log-det of shape "
                    + (logDet == null ? "null" : Arrays.toString(logDet.shape())) + ", expected [" + n + "]");
        }
    }

    /** Whether {@code logDet} holds one value per sample of a batch of {@code n}: shape {@code [n]}. */
    static boolean onePerSample(INDArray logDet, long n) {
        return logDet != null && logDet.rank() == 1 && logDet.size(0) == n;
    }

    private static String name(Object who) {
        return who instanceof String s ? s : who.getClass().getSimpleName();
    }
}
