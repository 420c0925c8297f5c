package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.core.Backward;
import org.flows4j.core.Checkpoints;
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

    /** {@code t = NN(x_A)}, checked to be {@code [N, |B|]}. */
    private INDArray condition(INDArray in) {
        return Couplings.conditionerOutput("AdditiveCoupling", conditioner.forward(Kernels.gatherColumns(in, a)),
                in.size(0), b.length);
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
        // In the fast regime of a training step the conditioner's activations serve the backward pass.
        INDArray t = Checkpoints.keep(this, () -> condition(x));
        return new Transformed(Kernels.shiftColumns(x, t, b, 1), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return Kernels.shiftColumns(y, condition(y), b, -1);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        // A kept t comes from the exact forward input; a recomputed one from y_A as the backward pass hands it down.
        INDArray t = Checkpoints.takeKept(this) instanceof INDArray kept ? kept : condition(y);
        INDArray x = Kernels.shiftColumns(y, t, b, -1);
        INDArray gx = gradOutput.dup('c');
        Kernels.addToColumns(gx, conditioner.backward(Kernels.gatherColumns(gradOutput, b)), a);
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
