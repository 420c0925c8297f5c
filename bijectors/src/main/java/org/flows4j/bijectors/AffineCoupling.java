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
 * Affine coupling (RealNVP, Glow) on {@code [N, D]}: with the mask's parts A and B and
 * {@code [t, h] = NN(x_A)}, {@code y_A = x_A}, {@code y_B = x_B ⊙ s + t} with {@code log s = scale(h)};
 * {@code log|det J| = Σ log s}.
 *
 * <p>The element-wise part (split, scale and shift, log-det, and their backward) is one fused loop over the arrays'
 * memory; the conditioner does the matrix work.
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

    private Transformed apply(INDArray in, boolean forward) {
        in = ArrayMemory.contiguous(in);
        int rows = (int) in.size(0);
        int d = mask.dim();
        int k = b.length;
        INDArray h = Couplings.conditionerOutput("AffineCoupling", conditioner.forward(Couplings.gather(in, a)), rows,
                2 * k);
        INDArray out = Nd4j.createUninitialized(in.dataType(), rows, d);
        INDArray logDet = Nd4j.createUninitialized(in.dataType(), rows);
        ArrayMemory im = ArrayMemory.of(in);
        ArrayMemory om = ArrayMemory.of(out);
        ArrayMemory hm = ArrayMemory.of(h);
        ArrayMemory lm = ArrayMemory.of(logDet);
        for (int i = 0; i < rows; i++) {
            for (int j : a) {
                om.set(i * d + j, im.get(i * d + j));
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double t = hm.get(i * 2 * k + j);
                double logS = scale.logScale(hm.get(i * 2 * k + k + j));
                double v = im.get(i * d + b[j]);
                om.set(i * d + b[j], forward ? v * Math.exp(logS) + t : (v - t) * Math.exp(-logS));
                sum += logS;
            }
            lm.set(i, forward ? sum : -sum);
        }
        return new Transformed(out, logDet);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        y = ArrayMemory.contiguous(y);
        INDArray gy = ArrayMemory.contiguous(gradOutput);
        int rows = (int) y.size(0);
        int d = mask.dim();
        int k = b.length;
        INDArray h = Couplings.conditionerOutput("AffineCoupling", conditioner.forward(Couplings.gather(y, a)), rows,
                2 * k);
        INDArray x = Nd4j.createUninitialized(y.dataType(), rows, d);
        INDArray gx = Nd4j.createUninitialized(y.dataType(), rows, d);
        INDArray gh = Nd4j.createUninitialized(y.dataType(), rows, 2 * k);
        ArrayMemory ym = ArrayMemory.of(y);
        ArrayMemory gym = ArrayMemory.of(gy);
        ArrayMemory hm = ArrayMemory.of(h);
        ArrayMemory xm = ArrayMemory.of(x);
        ArrayMemory gxm = ArrayMemory.of(gx);
        ArrayMemory ghm = ArrayMemory.of(gh);
        ArrayMemory gldm = ArrayMemory.of(ArrayMemory.contiguous(gradLogDet));
        for (int i = 0; i < rows; i++) {
            double gLogDet = gldm.get(i);
            for (int j = 0; j < k; j++) {
                double t = hm.get(i * 2 * k + j);
                double raw = hm.get(i * 2 * k + k + j);
                double s = Math.exp(scale.logScale(raw));
                double xb = (ym.get(i * d + b[j]) - t) / s;
                double g = gym.get(i * d + b[j]);
                // y_B = x_B·s + t:  dL/dx_B = g·s,  dL/dt = g,  dL/dlog s = g·x_B·s + dL/dlogdet.
                xm.set(i * d + b[j], xb);
                gxm.set(i * d + b[j], g * s);
                ghm.set(i * 2 * k + j, g);
                ghm.set(i * 2 * k + k + j, (g * xb * s + gLogDet) * scale.derivative(raw));
            }
        }
        INDArray gxa = conditioner.backward(gh);
        Couplings.scatterIdentity(y, gy, gxa, a, x, gx);
        return new Backward(x, gx);
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
