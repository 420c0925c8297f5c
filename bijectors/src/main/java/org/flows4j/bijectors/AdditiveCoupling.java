package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.kernel.ArrayMemory;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.core.Backward;
import org.flows4j.core.Composite;
import org.flows4j.core.FixedEventShape;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NICE's additive coupling on {@code [N, D]}: {@code y_A = x_A}, {@code y_B = x_B + t(x_A)}; volume preserving,
 * {@code log|det J| = 0}.
 */
public final class AdditiveCoupling implements FixedEventShape, Composite {
    private final Mask mask;
    private final Conditioner conditioner;
    private final int[] a;
    private final int[] b;

    /** The conditioner must map {@code |A|} features to {@code |B|}. */
    public AdditiveCoupling(Mask mask, Conditioner conditioner) {
        if (mask == null) {
            throw new IllegalArgumentException("AdditiveCoupling: expected a mask, got null");
        }
        Couplings.checkConditioner("AdditiveCoupling", conditioner, mask.identitySize(), mask.transformedSize(),
                "the shift of the " + mask.transformedSize() + " transformed");
        this.mask = mask;
        this.conditioner = conditioner;
        this.a = mask.identity();
        this.b = mask.transformed();
    }

    /** The mask that splits the features into the identity part A and the shifted part B. */
    public Mask mask() {
        return mask;
    }

    /** The network t that computes the shift of x_B from x_A. */
    public Conditioner conditioner() {
        return conditioner;
    }

    /** {@code out = in} with {@code out[:, B] += sign·t(in[:, A])}. */
    private INDArray shift(INDArray in, double sign) {
        in = ArrayMemory.contiguous(in);
        INDArray t = Couplings.conditionerOutput("AdditiveCoupling", conditioner.forward(Couplings.gather(in, a)),
                in.size(0), b.length);
        INDArray out = in.dup('c');
        int rows = (int) in.size(0);
        int d = mask.dim();
        ArrayMemory om = ArrayMemory.of(out);
        ArrayMemory tm = ArrayMemory.of(t);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < b.length; j++) {
                om.add(i * d + b[j], sign * tm.get(i * b.length + j));
            }
        }
        return out;
    }

    /** The event shape {@code [mask.dim()]}: this layer takes and keeps no other. */
    /** The conditioner network, the one part a coupling is made of. */
    @Override
    public List<?> parts() {
        return List.of(conditioner);
    }

    @Override
    public long[] eventShape() {
        return new long[] {mask.dim()};
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        return new Transformed(shift(x, 1), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return shift(y, -1);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray x = shift(y, -1);
        INDArray gy = ArrayMemory.contiguous(gradOutput);
        INDArray gx = gy.dup('c');
        // The conditioner's cached input is x_A = y_A, as set by shift(y, −1) just above.
        INDArray gxa = conditioner.backward(Couplings.gather(gy, b));
        Couplings.scatterIdentity(ArrayMemory.contiguous(y), gy, gxa, a, x, gx);
        return new Backward(x, gx);
    }

    @Override
    public List<Parameter> parameters() {
        return conditioner.parameters();
    }

    @Override
    public String toString() {
        return "AdditiveCoupling[" + mask + ", " + conditioner + "]";
    }
}
