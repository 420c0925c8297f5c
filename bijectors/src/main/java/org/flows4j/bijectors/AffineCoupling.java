package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.kernel.CouplingGradients;
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
 * Affine coupling (RealNVP, Glow) on {@code [N, D]}: with the mask's parts A and B and
 * {@code [t, h] = NN(x_A)}, {@code y_A = x_A}, {@code y_B = x_B ⊙ s + t} with {@code log s = scale(h)};
 * {@code log|det J| = Σ log s}.
 *
 * <p>The element-wise part (split, scale and shift, log-det, and their backward) is one fused kernel
 * ({@link Kernels#affineCoupling}); the conditioner does the matrix work.
 */
public final class AffineCoupling implements FixedEventShape, Composite {
    private final Mask mask;
    private final Conditioner conditioner;
    private final CouplingScale scale;
    private final int[] a;
    private final int[] b;

    /** The conditioner must map {@code |A|} features to {@code 2·|B|}: shift first, raw scale second. */
    public AffineCoupling(Mask mask, Conditioner conditioner, CouplingScale scale) {
        if (mask == null || scale == null) {
            throw new IllegalArgumentException("AffineCoupling: expected a mask and a scale, got " + mask + ", " + scale);
        }
        Couplings.checkConditioner("AffineCoupling", conditioner, mask.identitySize(), 2 * mask.transformedSize(),
                "shift and raw scale of the " + mask.transformedSize() + " transformed");
        this.mask = mask;
        this.conditioner = conditioner;
        this.scale = scale;
        this.a = mask.identity();
        this.b = mask.transformed();
    }

    /** The mask that splits the features into the identity part A and the transformed part B. */
    public Mask mask() {
        return mask;
    }

    /** How the conditioner's raw scale output h becomes {@code log s}. */
    public CouplingScale scale() {
        return scale;
    }

    /** The network that maps x_A to {@code [t, h]}, {@code [N, 2·|B|]}: shift first, raw scale second. */
    public Conditioner conditioner() {
        return conditioner;
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
        return apply(x, true);
    }

    @Override
    public INDArray inverse(INDArray y) {
        return apply(y, false).output();
    }

    /** {@code [t, h] = NN(x_A)}, checked to be {@code [N, 2·|B|]}. */
    private INDArray condition(INDArray in) {
        return Couplings.conditionerOutput("AffineCoupling", conditioner.forward(Kernels.gatherColumns(in, a)),
                in.size(0), 2 * b.length);
    }

    private Transformed apply(INDArray in, boolean forward) {
        // In the fast regime of a training step the conditioner's output and activations serve the backward pass.
        INDArray h = forward ? Checkpoints.keep(this, () -> condition(in)) : condition(in);
        return Kernels.affineCoupling(in, h, a, b, scale, forward);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        // A kept h comes from the exact forward input; a recomputed one from y_A as the backward pass hands it down.
        INDArray h = Checkpoints.takeKept(this) instanceof INDArray kept ? kept : condition(y);
        CouplingGradients g = Kernels.affineCouplingBackward(y, gradOutput, h, gradLogDet, a, b, scale);
        Kernels.addToColumns(g.gradInput(), conditioner.backward(g.gradConditionerOutput()), a);
        return new Backward(g.input(), g.gradInput());
    }

    @Override
    public List<Parameter> parameters() {
        return conditioner.parameters();
    }

    @Override
    public String toString() {
        return "AffineCoupling[" + mask + ", " + conditioner + ", " + scale + "]";
    }
}
