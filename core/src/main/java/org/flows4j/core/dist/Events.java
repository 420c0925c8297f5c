package org.flows4j.core.dist;

import java.util.random.RandomGenerator;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers shared by the distributions: flattening a batch to {@code [N, E]} and filling samples. */
final class Events {
    private Events() {
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

    static INDArray fill(long n, long[] eventShape, RandomGenerator random, ToDoubleFunction<RandomGenerator> draw) {
        long[] shape = batchShape(n, eventShape);
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        double[] values = new double[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = draw.applyAsDouble(random);
        }
        return Nd4j.create(values, shape, Nd4j.defaultFloatingPointType());
    }
}
