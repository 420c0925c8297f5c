package org.flows4j.bijectors.image;

import java.util.SplittableRandom;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Backward;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed reordering of the channels of {@code [N, C, H, W]}: {@code y[:, c] = x[:, π(c)]}; log-det 0.
 * {@link #reverse} is RealNVP's choice, {@link #shuffle} a seeded random order (the Glow paper's "shuffle").
 */
public final class ChannelPermutation implements ChannelWise {
    private final int[] order;
    private final int[] inverseOrder;

    /** The permutation {@code y[:, c] = x[:, order[c]]}; {@code order} must be a permutation of {@code 0..C−1}. */
    public ChannelPermutation(int[] order) {
        this.order = order.clone();
        this.inverseOrder = new int[order.length];
        for (int c = 0; c < order.length; c++) {
            inverseOrder[order[c]] = c;
        }
    }

    /** The reversed channel order, {@code y[:, c] = x[:, C−1−c]}. */
    public static ChannelPermutation reverse(int channels) {
        int[] order = new int[channels];
        for (int c = 0; c < channels; c++) {
            order[c] = channels - 1 - c;
        }
        return new ChannelPermutation(order);
    }

    /** A uniformly random channel order drawn (Fisher–Yates) from {@code seed}. */
    public static ChannelPermutation shuffle(int channels, long seed) {
        return new ChannelPermutation(Permutation.randomOrder(channels, new SplittableRandom(seed)));
    }

    /** A copy of π: {@code y[:, c] = x[:, order[c]]}. */
    public int[] order() {
        return order.clone();
    }

    private static INDArray permute(INDArray x, int[] order) {
        if (x.size(1) != order.length) {
            throw new IllegalArgumentException("expected " + order.length + " channels, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return Kernels.gatherChannels(x, order);
    }

    /** The number of channels C it mixes or reorders. */
    @Override
    public int channels() {
        return order.length;
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        return new Transformed(permute(x, order), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return permute(y, inverseOrder);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        return new Backward(permute(y, inverseOrder), permute(gradOutput, inverseOrder));
    }

    @Override
    public String toString() {
        return "ChannelPermutation" + java.util.Arrays.toString(order);
    }
}
