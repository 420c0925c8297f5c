package org.flows4j.bijectors;

import java.util.List;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Parameter;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NICE's additive coupling on {@code [N, D]}: {@code y_A = x_A}, {@code y_B = x_B + t(x_A)}; volume preserving,
 * {@code log|det J| = 0}.
 */
public final class AdditiveCoupling implements Bijector {
    private final Mask mask;
    private final Conditioner conditioner;

    /** The conditioner must map {@code |A|} features to {@code |B|}. */
    public AdditiveCoupling(Mask mask, Conditioner conditioner) {
        this.mask = mask;
        this.conditioner = conditioner;
    }

    public Mask mask() {
        return mask;
    }

    public Conditioner conditioner() {
        return conditioner;
    }

    private INDArray merge(INDArray a, INDArray b) {
        return mask.identity().expand(a).addi(mask.transformed().expand(b));
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        INDArray xa = mask.identity().select(x);
        INDArray yb = mask.transformed().select(x).addi(conditioner.forward(xa));
        return new Transformed(merge(xa, yb), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y) {
        INDArray ya = mask.identity().select(y);
        INDArray xb = mask.transformed().select(y).subi(conditioner.forward(ya));
        return merge(ya, xb);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray xa = mask.identity().select(y);
        INDArray xb = mask.transformed().select(y).subi(conditioner.forward(xa));
        INDArray gyb = mask.transformed().select(gradOutput);
        INDArray gxa = conditioner.backward(gyb).addi(mask.identity().select(gradOutput));
        return new Backward(merge(xa, xb), merge(gxa, gyb));
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
