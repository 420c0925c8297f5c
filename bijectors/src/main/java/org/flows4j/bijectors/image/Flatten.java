package org.flows4j.bijectors.image;

import java.util.Arrays;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Shapes;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reshapes each sample of event shape {@code [C, H, W]} (or any shape) to a vector, in c order; log-det 0. */
public final class Flatten implements Bijector {
    private final long[] eventShape;
    private final long size;

    /** Flattens samples of the given event shape (without the batch dimension) to vectors of its product's length. */
    public Flatten(long... eventShape) {
        this.eventShape = eventShape.clone();
        this.size = Arrays.stream(eventShape).reduce(1, (a, b) -> a * b);
    }

    private INDArray unflatten(INDArray y) {
        long[] shape = new long[eventShape.length + 1];
        shape[0] = y.size(0);
        System.arraycopy(eventShape, 0, shape, 1, eventShape.length);
        return y.dup('c').reshape('c', shape);
    }

    /** The event shape flattened, e.g. {@code [C, H, W]}. */
    public long[] eventShape() {
        return eventShape.clone();
    }

    /** {@code eventShape → [size]}. */
    @Override
    public long[] forwardEventShape(long[] shape) {
        Shapes.requireEvent(this, eventShape, shape);
        return new long[] {size};
    }

    /** {@code [size] → eventShape}. */
    @Override
    public long[] inverseEventShape(long[] shape) {
        Shapes.requireEvent(this, new long[] {size}, shape);
        return eventShape.clone();
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        return new Transformed(x.dup('c').reshape('c', x.size(0), size), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return unflatten(y);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        return new Backward(unflatten(y), unflatten(gradOutput));
    }

    @Override
    public String toString() {
        return "Flatten" + Arrays.toString(eventShape);
    }

    /** A reshape: the inverse recovers the input exactly. */
    @Override
    public boolean stableInverse() {
        return true;
    }
}
