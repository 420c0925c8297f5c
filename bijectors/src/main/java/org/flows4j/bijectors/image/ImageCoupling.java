package org.flows4j.bijectors.image;

import java.util.List;
import org.flows4j.bijectors.kernel.AffineGradients;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.core.Backward;
import org.flows4j.core.Composite;
import org.flows4j.core.FixedEventShape;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A coupling layer on {@code [N, C, H, W]} images with a mask b ({@link ImageMask}): the kept part
 * {@code b ⊙ x} passes unchanged and conditions the rest through a convolutional network
 * {@code h = NN(b ⊙ x)}.
 *
 * <ul>
 *   <li>affine (Glow): {@code h = [t, a]} with 2C channels, {@code s = ε + (1 − ε)·sigmoid(a + 2)},
 *       {@code y = b⊙x + (1−b)⊙(x + t)⊙s}, {@code log|det J| = Σ (1−b)⊙log s};</li>
 *   <li>additive (NICE): {@code h = t} with C channels, {@code y = b⊙x + (1−b)⊙(x + t)}, log-det 0.</li>
 * </ul>
 * With a channel mask this is Glow's coupling on the first half of the channels; with a checkerboard mask,
 * RealNVP's spatial coupling. The sigmoid scale (Glow's choice) keeps the scale in (0, 1) and stable early on. The
 * scale floor ε (0 in Glow) bounds how much the inverse can amplify an error in y, by at most 1/ε per coupling:
 * float32 round trips of a trained model stay accurate on images where some scales would otherwise fall to 1e-2.
 */
public final class ImageCoupling implements FixedEventShape, Composite {
    private final ImageMask mask;
    private final Conditioner conditioner;
    private final boolean affine;
    private final double scaleFloor;
    private final boolean[] keep;

    private ImageCoupling(ImageMask mask, Conditioner conditioner, boolean affine, double scaleFloor) {
        checkScaleFloor("coupling scale floor", scaleFloor);
        this.mask = mask;
        this.conditioner = conditioner;
        this.affine = affine;
        this.scaleFloor = scaleFloor;
        this.keep = new boolean[mask.eventSize()];
        for (int e = 0; e < keep.length; e++) {
            keep[e] = mask.keeps(e);
        }
    }

    /** Glow's affine coupling ({@code ε = 0}); the conditioner maps C channels to 2C (shift, then raw scale). */
    public static ImageCoupling affine(ImageMask mask, Conditioner conditioner) {
        return affine(mask, conditioner, 0);
    }

    /** An affine coupling whose scale never falls below {@code scaleFloor} ε, in [0, 1). */
    public static ImageCoupling affine(ImageMask mask, Conditioner conditioner, double scaleFloor) {
        return new ImageCoupling(mask, conditioner, true, scaleFloor);
    }

    /** An additive coupling; the conditioner maps C channels to C (shift). */
    public static ImageCoupling additive(ImageMask mask, Conditioner conditioner) {
        return new ImageCoupling(mask, conditioner, false, 0);
    }

    /** True for an affine coupling (shift and scale), false for an additive one (shift only). */
    public boolean isAffine() {
        return affine;
    }

    /** Refuses a scale floor outside [0, 1), naming it as {@code what} in the message. */
    public static void checkScaleFloor(String what, double scaleFloor) {
        if (!(scaleFloor >= 0 && scaleFloor < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + scaleFloor);
        }
    }

    /** The floor ε of the affine scale (0 for Glow's coupling and for additive ones). */
    public double scaleFloor() {
        return scaleFloor;
    }

    /** The mask b that selects the kept elements. */
    public ImageMask mask() {
        return mask;
    }

    /** The network {@code h = NN(b ⊙ x)}: C channels to 2C (affine) or C (additive). */
    public Conditioner conditioner() {
        return conditioner;
    }

    /** The conditioner output {@code h = NN(b ⊙ x)}, split into shift and raw scale (affine) or shift alone. */
    private INDArray[] condition(INDArray x) {
        checkShape(x);
        INDArray h = conditioner.forward(Kernels.mask(x, keep, true));
        long[] event = mask.eventShape();
        long c = event[0];
        long[] expected = {x.size(0), affine ? 2 * c : c, event[1], event[2]};
        if (!java.util.Arrays.equals(h.shape(), expected)) {
            throw new IllegalArgumentException("ImageCoupling: expected the conditioner's output of shape "
                    + java.util.Arrays.toString(expected) + ", got " + java.util.Arrays.toString(h.shape()));
        }
        if (!affine) {
            return new INDArray[] {h};
        }
        return new INDArray[] {ChannelSlices.copy(h, 0, c), ChannelSlices.copy(h, c, 2 * c)};
    }

    private void checkShape(INDArray x) {
        long[] event = mask.eventShape();
        if (x.rank() != 4 || x.size(1) != event[0] || x.size(2) != event[1] || x.size(3) != event[2]) {
            throw new IllegalArgumentException("coupling expects [N, " + event[0] + ", " + event[1] + ", " + event[2]
                    + "], got " + java.util.Arrays.toString(x.shape()));
        }
    }

    /** The mask's event shape {@code [C, H, W]}: this layer takes and keeps no other. */
    /** The conditioner network, the one part a coupling is made of. */
    @Override
    public List<?> parts() {
        return List.of(conditioner);
    }

    @Override
    public long[] eventShape() {
        return mask.eventShape();
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        INDArray[] h = condition(x);
        if (!affine) {
            return new Transformed(Kernels.shiftTransformed(x, h[0], keep, 1), Nd4j.zeros(x.dataType(), x.size(0)));
        }
        return Kernels.sigmoidAffineForward(x, h[0], h[1], scaleFloor, keep);
    }

    @Override
    public INDArray inverse(INDArray y) {
        INDArray[] h = condition(y);
        return affine ? Kernels.sigmoidAffineInverse(y, h[0], h[1], scaleFloor, keep)
                : Kernels.shiftTransformed(y, h[0], keep, -1);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray[] h = condition(y);
        INDArray x;
        INDArray gx;
        INDArray gh;
        if (affine) {
            AffineGradients a = Kernels.sigmoidAffineBackward(y, gradOutput, h[0], h[1], gradLogDet, scaleFloor, keep);
            x = a.input();
            gx = a.gradInput();
            gh = Nd4j.concat(1, a.gradShift(), a.gradRawScale());
        } else {
            x = Kernels.shiftTransformed(y, h[0], keep, -1);
            gx = gradOutput.dup('c');
            gh = Kernels.mask(gradOutput, keep, false);
        }
        Kernels.addKept(gx, conditioner.backward(gh), keep);
        return new Backward(x, gx);
    }

    @Override
    public List<Parameter> parameters() {
        return conditioner.parameters();
    }

    @Override
    public String toString() {
        String floor = scaleFloor > 0 ? ", scale floor " + scaleFloor : "";
        return (affine ? "AffineImageCoupling[" : "AdditiveImageCoupling[") + mask + ", " + conditioner + floor + "]";
    }
}
