package org.flows4j.bijectors.image;

import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Shapes;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Space-to-depth: each 2×2 spatial block becomes 4 channels, {@code [N, C, H, W] → [N, 4C, H/2, W/2]} with
 * {@code y[n, 4c + 2i + j, h, w] = x[n, c, 2h + i, 2w + j]} (Glow's channel order). A permutation: log-det 0.
 */
public final class Squeeze implements Bijector {

    static INDArray squeeze(INDArray x) {
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        if (h % 2 != 0 || w % 2 != 0) {
            throw new IllegalArgumentException("squeeze needs even height and width, got " + h + "x" + w);
        }
        return x.reshape('c', n, c, h / 2, 2, w / 2, 2).permute(0, 1, 3, 5, 2, 4).dup('c')
                .reshape('c', n, 4 * c, h / 2, w / 2);
    }

    static INDArray unsqueeze(INDArray y) {
        long n = y.size(0), c = y.size(1) / 4, h = y.size(2), w = y.size(3);
        return y.reshape('c', n, c, 2, 2, h, w).permute(0, 1, 4, 2, 5, 3).dup('c').reshape('c', n, c, 2 * h, 2 * w);
    }

    /** {@code [C, H, W] → [4C, H/2, W/2]}; needs even H and W. */
    @Override
    public long[] forwardEventShape(long[] shape) {
        if (shape.length != 3 || shape[1] % 2 != 0 || shape[2] % 2 != 0) {
            throw new IllegalArgumentException("Squeeze: expected arrays of shape [N, C, H, W] with even H and W, got "
                    + Shapes.batchOf(shape));
        }
        return new long[] {4 * shape[0], shape[1] / 2, shape[2] / 2};
    }

    /** {@code [4C, H, W] → [C, 2H, 2W]}; needs a channel count divisible by 4. */
    @Override
    public long[] inverseEventShape(long[] shape) {
        if (shape.length != 3 || shape[0] % 4 != 0) {
            throw new IllegalArgumentException("Squeeze: expected arrays of shape [N, 4C, H, W], got "
                    + Shapes.batchOf(shape));
        }
        return new long[] {shape[0] / 4, 2 * shape[1], 2 * shape[2]};
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        forwardEventShape(Shapes.eventShape("Squeeze", x));
        return new Transformed(squeeze(x), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y) {
        inverseEventShape(Shapes.eventShape("Squeeze", y));
        return unsqueeze(y);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        return new Backward(unsqueeze(y), unsqueeze(gradOutput));
    }

    @Override
    public String toString() {
        return "Squeeze";
    }

    /** A rearrangement: the inverse recovers the input exactly. */
    @Override
    public boolean stableInverse() {
        return true;
    }
}
