package org.flows4j.bijectors;

import java.util.Arrays;
import java.util.List;
import org.flows4j.bijectors.kernel.CouplingGradients;
import org.flows4j.bijectors.kernel.CouplingKernels;
import org.flows4j.bijectors.kernel.CouplingLayout;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Checkpoints;
import org.flows4j.core.Composite;
import org.flows4j.core.Parameter;
import org.flows4j.core.Shapes;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A coupling layer, one class for every coupling of the library: a {@link Partition} × a {@link Conditioner} × an
 * {@link ElementwiseMap}. With the partition's kept elements {@code x_A} and transformed elements {@code x_B},
 * {@code θ = NN(x_A)}, {@code y_A = x_A}, {@code y_B = f(x_B; θ)} and {@code log|det J| = Σ_B log|∂f/∂x|}; the inverse
 * computes θ from {@code y_A = x_A} and applies {@code f⁻¹}.
 *
 * <ul>
 *   <li>RealNVP on tables: {@code new Coupling(Mask.halfSplit(d, false), mlp, AffineMap.scaleThenShift(expTanh(3)))};
 *       NICE: the same with {@link AdditiveMap}.</li>
 *   <li>Glow: {@code new Coupling(new ChannelSplit(c), net, AffineMap.shiftThenScale(CouplingScale.sigmoid()))}.</li>
 *   <li>RealNVP on images: an {@link org.flows4j.bijectors.image.ImageMask} checkerboard with the same map.</li>
 * </ul>
 *
 * <p>The element-wise work (the conditioner's input, the map, its log-det and its backward) is one kernel call each
 * ({@link CouplingKernels}); the conditioner does the matrix work. In the {@link org.flows4j.core.MemoryRegime#FAST
 * fast} regime of a training step the backward pass reuses the conditioner's output and activations from the
 * forward pass instead of running it again.
 */
public final class Coupling implements Bijector, Composite {
    private final Partition partition;
    private final Conditioner conditioner;
    private final ElementwiseMap map;

    /**
     * The coupling of {@code partition}, {@code conditioner} and {@code map}. The conditioner maps the partition's
     * kept elements to P parameter blocks, P = {@code map.parametersPerElement()}; an {@link Mlp} under a {@link Mask}
     * is checked now, any other conditioner on its first output.
     */
    public Coupling(Partition partition, Conditioner conditioner, ElementwiseMap map) {
        if (partition == null || conditioner == null || map == null) {
            throw new IllegalArgumentException("Coupling: expected a partition, a conditioner and a map, got "
                    + partition + ", " + conditioner + ", " + map);
        }
        if (partition instanceof Mask mask && conditioner instanceof Mlp mlp) {
            int[] w = mlp.widths();
            int out = map.parametersPerElement() * mask.transformedSize();
            if (w[0] != mask.identitySize() || w[w.length - 1] != out) {
                throw new IllegalArgumentException("Coupling: expected a conditioner mapping " + mask.identitySize()
                        + " features to " + out + " (" + map.parametersPerElement() + " parameters for each of the "
                        + mask.transformedSize() + " transformed), got an Mlp from " + w[0] + " to " + w[w.length - 1]);
            }
        }
        this.partition = partition;
        this.conditioner = conditioner;
        this.map = map;
    }

    /** Which elements pass unchanged and feed the conditioner, and which are transformed. */
    public Partition partition() {
        return partition;
    }

    /** The network that computes the map's parameters from the kept elements. */
    public Conditioner conditioner() {
        return conditioner;
    }

    /** The invertible element-wise map of the transformed elements. */
    public ElementwiseMap map() {
        return map;
    }

    /** The conditioner network, the one part with parameters. */
    @Override
    public List<?> parts() {
        return List.of(conditioner);
    }

    /** The partition's event shapes: a fixed one for masks, {@code [C, H, W]} of its C for the channel split. */
    @Override
    public long[] forwardEventShape(long[] inputShape) {
        return partition.checkEvent(this, inputShape);
    }

    /** The same shapes as {@link #forwardEventShape}: a coupling keeps the shape. */
    @Override
    public long[] inverseEventShape(long[] outputShape) {
        return partition.checkEvent(this, outputShape);
    }

    private CouplingLayout layout(INDArray x) {
        return partition.layout(partition.checkEvent(this, Shapes.eventShape("Coupling", x)));
    }

    /** {@code θ = NN(x_A)}, checked to be the shape the layout and the map need. */
    private INDArray condition(INDArray x, CouplingLayout layout) {
        INDArray h = conditioner.forward(CouplingKernels.conditionerInput(x, layout));
        long[] expected = layout.conditionerOutputShape(x.size(0), map.parametersPerElement());
        if (!Arrays.equals(h.shape(), expected)) {
            throw new IllegalArgumentException("Coupling: expected the conditioner's output of shape "
                    + Arrays.toString(expected) + ", got " + Arrays.toString(h.shape()));
        }
        return h;
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        CouplingLayout layout = layout(x);
        // In the fast regime of a training step the conditioner's input, activations and output are made in memory
        // Checkpoints.keep gives this layer, and stay valid for the backward pass.
        INDArray h = Checkpoints.keep(this, () -> condition(x, layout));
        return CouplingKernels.forward(x, h, layout, map);
    }

    @Override
    public INDArray inverse(INDArray y) {
        CouplingLayout layout = layout(y);
        return CouplingKernels.inverse(y, condition(y, layout), layout, map);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        CouplingLayout layout = layout(y);
        // A kept θ comes from the exact forward input; a recomputed one from y_A as the backward pass hands it down.
        INDArray h = Checkpoints.takeKept(this) instanceof INDArray kept ? kept : condition(y, layout);
        CouplingGradients g = CouplingKernels.backward(y, gradOutput, h, gradLogDet, layout, map);
        CouplingKernels.addConditionerGradient(g.gradInput(), conditioner.backward(g.gradConditionerOutput()), layout);
        return new Backward(g.input(), g.gradInput());
    }

    @Override
    public List<Parameter> parameters() {
        return conditioner.parameters();
    }

    @Override
    public String toString() {
        return "Coupling[" + partition + ", " + conditioner + ", " + map + "]";
    }
}
