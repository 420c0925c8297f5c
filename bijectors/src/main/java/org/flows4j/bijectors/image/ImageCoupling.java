package org.flows4j.bijectors.image;

import java.lang.ref.Reference;
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
    private static final double SCALE_SHIFT = 2.0;
    private final ImageMask mask;
    private final Conditioner conditioner;
    private final boolean affine;
    private final double scaleFloor;

    private ImageCoupling(ImageMask mask, Conditioner conditioner, boolean affine, double scaleFloor) {
        checkScaleFloor("coupling scale floor", scaleFloor);
        this.mask = mask;
        this.conditioner = conditioner;
        this.affine = affine;
        this.scaleFloor = scaleFloor;
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

    /** {@code b ⊙ x}, a fresh contiguous array. */
    private INDArray kept(INDArray x) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        ArrayMemory in = ArrayMemory.of(x);
        ArrayMemory o = ArrayMemory.of(out);
        int e = mask.eventSize();
        for (long k = 0, n = x.length(); k < n; k++) {
            o.set(k, mask.keeps((int) (k % e)) ? in.get(k) : 0);
        }
        Reference.reachabilityFence(x);
        return out;
    }

    /** Runs the conditioner on {@code b ⊙ x}; the result is contiguous. */
    private INDArray condition(INDArray x) {
        checkShape(x);
        INDArray h = conditioner.forward(kept(x));
        long[] event = mask.eventShape();
        long[] expected = {x.size(0), affine ? 2 * event[0] : event[0], event[1], event[2]};
        if (!java.util.Arrays.equals(h.shape(), expected)) {
            throw new IllegalArgumentException("ImageCoupling: expected the conditioner's output of shape "
                    + java.util.Arrays.toString(expected) + ", got " + java.util.Arrays.toString(h.shape()));
        }
        return ArrayMemory.contiguous(h);
    }

    private void checkShape(INDArray x) {
        long[] event = mask.eventShape();
        if (x.rank() != 4 || x.size(1) != event[0] || x.size(2) != event[1] || x.size(3) != event[2]) {
            throw new IllegalArgumentException("coupling expects [N, " + event[0] + ", " + event[1] + ", " + event[2]
                    + "], got " + java.util.Arrays.toString(x.shape()));
        }
    }

    static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    /** {@code log sigmoid(a) = −log(1 + e^{−a})}, stable for large |a|. */
    static double logSigmoid(double a) {
        return a > 0 ? -Math.log1p(Math.exp(-a)) : a - Math.log1p(Math.exp(a));
    }

    /** The scale {@code s = ε + (1 − ε)·sigmoid(a + 2)} from the raw conditioner output a. */
    private double scale(double a) {
        return floored(sigmoid(a + SCALE_SHIFT));
    }

    /** {@code ε + (1 − ε)·σ} for {@code σ = sigmoid(a + 2)}. */
    private double floored(double sig) {
        return scaleFloor + (1 - scaleFloor) * sig;
    }

    /** {@code log s}; with ε = 0 through the stable log-sigmoid. */
    private double logScale(double a) {
        return scaleFloor == 0 ? logSigmoid(a + SCALE_SHIFT) : Math.log(scale(a));
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
        x = ArrayMemory.contiguous(x);
        INDArray hArray = condition(x);
        ArrayMemory h = ArrayMemory.of(hArray);
        int samples = (int) x.size(0);
        int e = mask.eventSize();
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray logDet = Nd4j.zeros(x.dataType(), samples);
        ArrayMemory xm = ArrayMemory.of(x);
        ArrayMemory ym = ArrayMemory.of(y);
        int hStride = affine ? 2 * e : e;
        for (int n = 0; n < samples; n++) {
            double sum = 0;
            for (int j = 0; j < e; j++) {
                long k = (long) n * e + j;
                if (mask.keeps(j)) {
                    ym.set(k, xm.get(k));
                    continue;
                }
                long hk = (long) n * hStride + j;
                double shifted = xm.get(k) + h.get(hk);
                if (affine) {
                    double a = h.get(hk + e);
                    ym.set(k, shifted * scale(a));
                    sum += logScale(a);
                } else {
                    ym.set(k, shifted);
                }
            }
            logDet.putScalar(n, sum);
        }
        Reference.reachabilityFence(hArray);
        Reference.reachabilityFence(x);
        return new Transformed(y, logDet);
    }

    /** {@code x} from {@code y} and the conditioner output {@code h = NN(b ⊙ y)}. */
    private INDArray invert(INDArray y, ArrayMemory h) {
        int samples = (int) y.size(0);
        int e = mask.eventSize();
        int hStride = affine ? 2 * e : e;
        INDArray x = Nd4j.createUninitialized(y.dataType(), y.shape());
        ArrayMemory ym = ArrayMemory.of(y);
        ArrayMemory xm = ArrayMemory.of(x);
        for (int n = 0; n < samples; n++) {
            for (int j = 0; j < e; j++) {
                long k = (long) n * e + j;
                if (mask.keeps(j)) {
                    xm.set(k, ym.get(k));
                    continue;
                }
                long hk = (long) n * hStride + j;
                double v = affine ? ym.get(k) / scale(h.get(hk + e)) : ym.get(k);
                xm.set(k, v - h.get(hk));
            }
        }
        return x;
    }

    @Override
    public INDArray inverse(INDArray y) {
        y = ArrayMemory.contiguous(y);
        INDArray hArray = condition(y);
        INDArray x = invert(y, ArrayMemory.of(hArray));
        Reference.reachabilityFence(hArray);
        return x;
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        y = ArrayMemory.contiguous(y);
        INDArray g = ArrayMemory.contiguous(gradOutput);
        INDArray hArray = condition(y);
        ArrayMemory h = ArrayMemory.of(hArray);
        INDArray x = invert(y, h);
        int samples = (int) y.size(0);
        int e = mask.eventSize();
        int hStride = affine ? 2 * e : e;
        INDArray gx = Nd4j.createUninitialized(y.dataType(), y.shape());
        INDArray gh = Nd4j.zeros(y.dataType(), hArray.shape());
        ArrayMemory ym = ArrayMemory.of(y);
        ArrayMemory gm = ArrayMemory.of(g);
        ArrayMemory gxm = ArrayMemory.of(gx);
        ArrayMemory ghm = ArrayMemory.of(gh);
        // y = (x + t)·s with s = ε + (1 − ε)·σ, σ = sigmoid(a + 2):  dL/dx = dL/dt = g·s,
        // dL/da = (g·y + dL/dlogdet)·d(log s)/da  with  d(log s)/da = (1 − ε)·σ(1 − σ)/s  (= 1 − s when ε = 0).
        for (int n = 0; n < samples; n++) {
            double gld = gradLogDet.getDouble(n);
            for (int j = 0; j < e; j++) {
                long k = (long) n * e + j;
                if (mask.keeps(j)) {
                    gxm.set(k, gm.get(k));
                    continue;
                }
                long hk = (long) n * hStride + j;
                if (affine) {
                    double sig = sigmoid(h.get(hk + e) + SCALE_SHIFT);
                    double s = floored(sig);
                    double gs = gm.get(k) * s;
                    gxm.set(k, gs);
                    ghm.set(hk, gs);
                    double dLogSda = scaleFloor == 0 ? 1 - s : (1 - scaleFloor) * sig * (1 - sig) / s;
                    ghm.set(hk + e, (gm.get(k) * ym.get(k) + gld) * dLogSda);
                } else {
                    gxm.set(k, gm.get(k));
                    ghm.set(hk, gm.get(k));
                }
            }
        }
        INDArray gradKept = ArrayMemory.contiguous(conditioner.backward(gh));
        ArrayMemory gin = ArrayMemory.of(gradKept);
        for (long k = 0, total = gx.length(); k < total; k++) {
            if (mask.keeps((int) (k % e))) {
                gxm.add(k, gin.get(k));
            }
        }
        Reference.reachabilityFence(new Object[] {hArray, gradKept, y, g});
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
