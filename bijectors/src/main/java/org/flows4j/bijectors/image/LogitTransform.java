package org.flows4j.bijectors.image;

import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * RealNVP's logit pre-processing for pixels in (−½, ½): {@code p = α + (1 − 2α)(x + ½)},
 * {@code y = log p − log(1 − p)}, {@code log|det J| = Σ [log(1 − 2α) − log p − log(1 − p)]}. The margin α keeps
 * the logit away from ±∞ at the edges of the pixel range (0.05 in the RealNVP paper).
 */
public final class LogitTransform implements Bijector {
    private final double alpha;

    /** The transform with margin α, in [0, 0.5). */
    public LogitTransform(double alpha) {
        if (!(alpha >= 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in [0, 0.5), got " + alpha);
        }
        this.alpha = alpha;
    }

    private INDArray p(INDArray x) {
        return x.add(0.5).muli(1 - 2 * alpha).addi(alpha);
    }

    private static INDArray perSample(INDArray a) {
        return a.reshape('c', a.size(0), a.length() / a.size(0)).sum(1);
    }

    /** The margin α in {@code p = α + (1 − 2α)(x + ½)}. */
    public double alpha() {
        return alpha;
    }

    /**
     * {@inheritDoc} The values must lie in {@code [−½ − α/(1 − 2α), ½ + α/(1 − 2α)]}, where p is in [0, 1]
     * (dequantised pixels in [−½, ½] do); others, NaN included, are refused, since their logit is NaN.
     */
    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        double bound = 0.5 + alpha / (1 - 2 * alpha);
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        boolean nan = Double.isNaN(x.sumNumber().doubleValue()); // ND4J's min and max pass over NaN; a sum does not
        if (!(min >= -bound && max <= bound) || nan) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "LogitTransform: expected values "
                    + "in [%.4g, %.4g] (dequantised pixels in [-1/2, 1/2]), got values in [%s, %s]%s", -bound, bound, min,
                    max, nan ? " and NaN" : ""));
        }
        INDArray p = p(x);
        INDArray logP = Transforms.log(p, true);
        INDArray logQ = Transforms.log(p.rsub(1), false);
        INDArray y = logP.sub(logQ);
        INDArray logDet = perSample(logP.addi(logQ).negi().addi(Math.log(1 - 2 * alpha)));
        return new Transformed(y, logDet);
    }

    @Override
    public INDArray inverse(INDArray y) {
        return Transforms.sigmoid(y, true).subi(alpha).divi(1 - 2 * alpha).subi(0.5);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        INDArray p = Transforms.sigmoid(y, true);
        INDArray pq = p.rsub(1).muli(p);
        // dy/dx = (1 − 2α)/(p(1 − p)),  d logdet/dx = (1 − 2α)(2p − 1)/(p(1 − p)).
        INDArray perLogDet = p.mul(2).subi(1).muli(gradLogDet.reshape('c', broadcastShape(y)));
        INDArray gx = gradOutput.add(perLogDet).muli(1 - 2 * alpha).divi(pq);
        return new Backward(inverse(y), gx);
    }

    private static long[] broadcastShape(INDArray y) {
        long[] shape = new long[y.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = y.size(0);
        return shape;
    }

    @Override
    public String toString() {
        return "LogitTransform[alpha=" + alpha + "]";
    }
}
