package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Affine coupling (RealNVP, Glow) on {@code [N, D]}: with the mask's parts A and B and
 * {@code [t, h] = NN(x_A)}, {@code y_A = x_A}, {@code y_B = x_B ⊙ s + t} with {@code log s = scale(h)};
 * {@code log|det J| = Σ log s}.
 */
public final class AffineCoupling implements Bijector {
    private final Mask mask;
    private final Conditioner conditioner;
    private final CouplingScale scale;

    /** The conditioner must map {@code |A|} features to {@code 2·|B|}: shift first, raw scale second. */
    public AffineCoupling(Mask mask, Conditioner conditioner, CouplingScale scale) {
        this.mask = mask;
        this.conditioner = conditioner;
        this.scale = scale;
    }

    public Mask mask() {
        return mask;
    }

    public CouplingScale scale() {
        return scale;
    }

    public Conditioner conditioner() {
        return conditioner;
    }

    private INDArray shift(INDArray h) {
        return h.get(NDArrayIndex.all(), NDArrayIndex.interval(0, mask.transformedSize()));
    }

    private INDArray rawScale(INDArray h) {
        int k = mask.transformedSize();
        return h.get(NDArrayIndex.all(), NDArrayIndex.interval(k, 2 * k));
    }

    private INDArray merge(INDArray a, INDArray b) {
        return mask.identity().expand(a).addi(mask.transformed().expand(b));
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        INDArray xa = mask.identity().select(x);
        INDArray xb = mask.transformed().select(x);
        INDArray h = conditioner.forward(xa);
        INDArray logS = scale.logScale(rawScale(h));
        INDArray yb = xb.muli(Transforms.exp(logS, true)).addi(shift(h));
        return new Transformed(merge(xa, yb), logS.sum(1));
    }

    @Override
    public INDArray inverse(INDArray y) {
        INDArray ya = mask.identity().select(y);
        INDArray yb = mask.transformed().select(y);
        INDArray h = conditioner.forward(ya);
        INDArray logS = scale.logScale(rawScale(h));
        INDArray xb = yb.subi(shift(h)).muli(Transforms.exp(logS.negi(), false));
        return merge(ya, xb);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray xa = mask.identity().select(y);
        INDArray yb = mask.transformed().select(y);
        INDArray gya = mask.identity().select(gradOutput);
        INDArray gyb = mask.transformed().select(gradOutput);
        INDArray h = conditioner.forward(xa);
        INDArray hs = rawScale(h);
        INDArray s = Transforms.exp(scale.logScale(hs), false);
        INDArray xb = yb.sub(shift(h)).divi(s);
        // y_B = x_B·s + t:  dL/dx_B = g·s,  dL/dt = g,  dL/dlog s = g·x_B·s + dL/dlogdet.
        INDArray gxb = gyb.mul(s);
        INDArray gLogS = gxb.mul(xb).addiColumnVector(gradLogDet.reshape(gradLogDet.length(), 1));
        INDArray gh = Nd4j.hstack(gyb, gLogS.muli(scale.derivative(hs)));
        INDArray gxa = conditioner.backward(gh).addi(gya);
        return new Backward(merge(xa, xb), merge(gxa, gxb));
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
