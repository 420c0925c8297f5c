package org.flows4j.bijectors.image;

import java.util.Arrays;
import java.util.List;
import org.flows4j.bijectors.kernel.AffineGradients;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.core.Backward;
import org.flows4j.core.Checkpoints;
import org.flows4j.core.Composite;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Glow's coupling on {@code [N, C, H, W]} images, split by channel: the first half {@code x₁ = x[:, :C/2]} passes
 * unchanged and conditions the second through a network that sees only x₁, {@code h = NN(x₁)}.
 *
 * <ul>
 *   <li>affine: {@code h = [t, a]} with C channels (C/2 shifts, then C/2 raw scales),
 *       {@code y₂ = (x₂ + t)·s} with {@code s = ε + (1 − ε)·sigmoid(a + 2)},
 *       {@code log|det J| = Σ log s};</li>
 *   <li>additive: {@code h = t} with C/2 channels, {@code y₂ = x₂ + t}, log-det 0.</li>
 * </ul>
 * This is openai/glow's coupling: against a multiplicative channel mask ({@link ImageCoupling}) the conditioner's
 * first convolution reads half the channels and its last writes half as many, and no work is spent on zeros. The
 * scale floor ε (0 in Glow) bounds how much the inverse can amplify an error in y, by at most 1/ε per coupling.
 * Takes any height and width. In the {@link org.flows4j.core.MemoryRegime#FAST fast} regime of a training step the
 * backward pass reuses the conditioner's activations from the forward pass instead of running it again.
 */
public final class ChannelCoupling implements ChannelWise, Composite {
    private final int channels;
    private final Conditioner conditioner;
    private final boolean affine;
    private final double scaleFloor;

    private ChannelCoupling(int channels, Conditioner conditioner, boolean affine, double scaleFloor) {
        if (channels < 2 || channels % 2 != 0) {
            throw new IllegalArgumentException("ChannelCoupling: expected an even number of channels >= 2, got "
                    + channels);
        }
        if (conditioner == null) {
            throw new IllegalArgumentException("ChannelCoupling: expected a conditioner, got null");
        }
        ImageCoupling.checkScaleFloor("coupling scale floor", scaleFloor);
        this.channels = channels;
        this.conditioner = conditioner;
        this.affine = affine;
        this.scaleFloor = scaleFloor;
    }

    /** An affine coupling on {@code channels} channels; the conditioner maps C/2 channels to C (shift, raw scale). */
    public static ChannelCoupling affine(int channels, Conditioner conditioner, double scaleFloor) {
        return new ChannelCoupling(channels, conditioner, true, scaleFloor);
    }

    /** An additive coupling on {@code channels} channels; the conditioner maps C/2 channels to C/2 (shift). */
    public static ChannelCoupling additive(int channels, Conditioner conditioner) {
        return new ChannelCoupling(channels, conditioner, false, 0);
    }

    @Override
    public int channels() {
        return channels;
    }

    /** True for an affine coupling (shift and scale), false for an additive one (shift only). */
    public boolean isAffine() {
        return affine;
    }

    /** The floor ε of the affine scale (0 for Glow's coupling and for additive ones). */
    public double scaleFloor() {
        return scaleFloor;
    }

    /** The network {@code h = NN(x₁)}: C/2 channels to C (affine) or C/2 (additive). */
    public Conditioner conditioner() {
        return conditioner;
    }

    /** The conditioner network, the one part a coupling is made of. */
    @Override
    public List<?> parts() {
        return List.of(conditioner);
    }

    private int half() {
        return channels / 2;
    }

    /** Refuses anything but {@code [N, C, H, W]} with this coupling's C: a split of other channels would drop some. */
    private void checkShape(INDArray x) {
        if (x.rank() != 4 || x.size(1) != channels) {
            throw new IllegalArgumentException("ChannelCoupling: expected [N, " + channels + ", H, W], got "
                    + Arrays.toString(x.shape()));
        }
    }

    /** The kept half {@code x₁}, and the conditioner's output on it split into contiguous shifts and raw scales. */
    private record Conditioned(INDArray kept, INDArray shift, INDArray rawScale) {
    }

    /** {@code h = NN(x₁)}, checked to be {@code [N, C or C/2, H, W]} and split ({@code rawScale} null if additive). */
    private Conditioned condition(INDArray kept) {
        INDArray h = conditioner.forward(kept);
        long[] expected = {kept.size(0), affine ? channels : half(), kept.size(2), kept.size(3)};
        if (!Arrays.equals(h.shape(), expected)) {
            throw new IllegalArgumentException("ChannelCoupling: expected the conditioner's output of shape "
                    + Arrays.toString(expected) + ", got " + Arrays.toString(h.shape()));
        }
        return affine ? new Conditioned(kept, ChannelSlices.copy(h, 0, half()), ChannelSlices.copy(h, half(), channels))
                : new Conditioned(kept, h, null);
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        checkShape(x);
        // In the fast regime the kept half, the network's activations and its output stay valid for the backward
        // pass: they are made inside the memory Checkpoints.keep gives this layer.
        Conditioned c = Checkpoints.keep(this, () -> condition(ChannelSlices.copy(x, 0, half())));
        INDArray x2 = ChannelSlices.copy(x, half(), channels);
        if (!affine) {
            return new Transformed(Nd4j.concat(1, c.kept(), x2.addi(c.shift())), Nd4j.zeros(x.dataType(), x.size(0)));
        }
        Transformed t = Kernels.sigmoidAffineForward(x2, c.shift(), c.rawScale(), scaleFloor);
        return new Transformed(Nd4j.concat(1, c.kept(), t.output()), t.logDet());
    }

    @Override
    public INDArray inverse(INDArray y) {
        checkShape(y);
        Conditioned c = condition(ChannelSlices.copy(y, 0, half()));
        INDArray y2 = ChannelSlices.copy(y, half(), channels);
        INDArray x2 = affine ? Kernels.sigmoidAffineInverse(y2, c.shift(), c.rawScale(), scaleFloor)
                : y2.subi(c.shift());
        return Nd4j.concat(1, c.kept(), x2);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        checkShape(y);
        INDArray y1 = ChannelSlices.copy(y, 0, half());
        Conditioned c = Checkpoints.takeKept(this) instanceof Conditioned kept ? kept : condition(y1);
        INDArray y2 = ChannelSlices.copy(y, half(), channels);
        INDArray g1 = ChannelSlices.copy(gradOutput, 0, half());
        INDArray g2 = ChannelSlices.copy(gradOutput, half(), channels);
        INDArray x2;
        INDArray gx2;
        INDArray gh;
        if (affine) {
            AffineGradients a = Kernels.sigmoidAffineBackward(y2, g2, c.shift(), c.rawScale(), gradLogDet, scaleFloor);
            x2 = a.input();
            gx2 = a.gradInput();
            gh = Nd4j.concat(1, a.gradShift(), a.gradRawScale());
        } else {
            x2 = y2.subi(c.shift());
            gx2 = g2;
            gh = g2;
        }
        INDArray gx1 = conditioner.backward(gh).addi(g1);
        return new Backward(Nd4j.concat(1, y1, x2), Nd4j.concat(1, gx1, gx2));
    }

    @Override
    public List<Parameter> parameters() {
        return conditioner.parameters();
    }

    @Override
    public String toString() {
        String floor = scaleFloor > 0 ? ", scale floor " + scaleFloor : "";
        return (affine ? "AffineChannelCoupling[" : "AdditiveChannelCoupling[") + channels + ", " + conditioner + floor
                + "]";
    }
}
