package org.flows4j.core.dist;

import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.flows4j.core.Distribution;
import org.flows4j.core.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers shared by the distributions: flattening a batch to {@code [N, E]} and filling samples. */
final class Events {
    private Events() {
    }

    /**
     * Checks a batch of events given to {@code method} of {@code d}: shape {@code [N, eventShape…]}, floating point of
     * the distribution's parameter type when it has parameters, and for {@code backward} a {@code gradLogProb} of
     * shape {@code [N]}.
     */
    static void check(Distribution d, String method, INDArray z, INDArray gradLogProb) {
        String where = d.getClass().getSimpleName() + "." + method;
        Shapes.requireBatch(where, z, d.eventShape());
        Shapes.requireType(where, z, Shapes.commonType(where, d.parameters()));
        if (gradLogProb != null && (gradLogProb.rank() != 1 || gradLogProb.size(0) != z.size(0))) {
            throw new IllegalArgumentException(where + ": expected gradLogProb of shape [" + z.size(0) + "], got "
                    + java.util.Arrays.toString(gradLogProb.shape()));
        }
    }

    /** Checks the arguments of {@code sample}. */
    static void checkSample(Distribution d, long n, double temperature) {
        if (n < 0 || !(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(d.getClass().getSimpleName() + ".sample: expected n >= 0 and a finite "
                    + "temperature >= 0, got n = " + n + ", temperature = " + temperature);
        }
    }

    static INDArray flat(INDArray z) {
        return z.reshape('c', z.size(0), z.length() / z.size(0));
    }

    static long[] batchShape(long n, long[] eventShape) {
        long[] shape = new long[eventShape.length + 1];
        shape[0] = n;
        System.arraycopy(eventShape, 0, shape, 1, eventShape.length);
        return shape;
    }

    /** A copy of a distribution's event shape, refused unless it has at least one dimension, all ≥ 1. */
    static long[] checkedShape(String who, long[] eventShape) {
        if (eventShape == null || eventShape.length == 0 || java.util.Arrays.stream(eventShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(who + ": expected an event shape of one or more sizes >= 1, got "
                    + java.util.Arrays.toString(eventShape));
        }
        return eventShape.clone();
    }

    static INDArray fill(long n, long[] eventShape, RandomGenerator random, ToDoubleFunction<RandomGenerator> draw) {
        return fill(n, eventShape, random, draw, Nd4j.defaultFloatingPointType());
    }

    static INDArray fill(long n, long[] eventShape, RandomGenerator random, ToDoubleFunction<RandomGenerator> draw,
                         org.nd4j.linalg.api.buffer.DataType type) {
        long[] shape = batchShape(n, eventShape);
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        double[] values = new double[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = draw.applyAsDouble(random);
        }
        return Nd4j.create(values, shape, type);
    }
}
