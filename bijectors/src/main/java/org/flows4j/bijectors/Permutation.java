package org.flows4j.bijectors;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Shapes;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed permutation along dimension 1: of the features of {@code [N, D]} tables or the channels of
 * {@code [N, C, H, W]} images, {@code y[:, i] = x[:, π(i)]}, {@code log|det J| = 0}. Made by {@link #reverse}
 * (RealNVP's ordering) or {@link #shuffle} (a seeded random one: the Glow paper's "shuffle").
 */
public final class Permutation implements Bijector {
    private final int[] order;
    private final int[] inverseOrder;

    private Permutation(int[] order) {
        this.order = order.clone();
        boolean[] seen = new boolean[order.length];
        for (int i : order) {
            if (i < 0 || i >= order.length || seen[i]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(order));
            }
            seen[i] = true;
        }
        this.inverseOrder = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverseOrder[order[i]] = i;
        }
    }

    /** The permutation with {@code y[:, i] = x[:, order[i]]}. */
    public static Permutation of(int... order) {
        return new Permutation(order);
    }

    /** {@code y[:, i] = x[:, D−1−i]}. */
    public static Permutation reverse(int dim) {
        int[] order = new int[dim];
        for (int i = 0; i < dim; i++) {
            order[i] = dim - 1 - i;
        }
        return new Permutation(order);
    }

    /** A uniformly random permutation drawn (Fisher–Yates) from {@code seed}. */
    public static Permutation shuffle(int dim, long seed) {
        return new Permutation(randomOrder(dim, new SplittableRandom(seed)));
    }

    /** A uniformly random ordering of {@code 0..n−1} by Fisher–Yates, drawing from {@code random}. */
    public static int[] randomOrder(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A copy of π: {@code y[:, i] = x[:, order[i]]}. */
    public int[] order() {
        return order.clone();
    }

    /** {@code x[:, order]}: columns of a table, channels of an image. */
    private static INDArray permuteColumns(INDArray x, int[] order) {
        Shapes.featuresOrChannels("Permutation", order.length, Shapes.eventShape("Permutation", x));
        return x.rank() == 2 ? Kernels.gatherColumns(x, order) : Kernels.gatherChannels(x, order);
    }

    /** The number of features or channels it reorders. */
    public int size() {
        return order.length;
    }

    /** {@code [D]} or {@code [C, H, W]} with D = C = the permutation's size; the shape is kept. */
    @Override
    public long[] forwardEventShape(long[] inputShape) {
        return Shapes.featuresOrChannels(this, order.length, inputShape);
    }

    /** The same shapes as {@link #forwardEventShape}. */
    @Override
    public long[] inverseEventShape(long[] outputShape) {
        return forwardEventShape(outputShape);
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        return new Transformed(permuteColumns(x, order), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y) {
        return permuteColumns(y, inverseOrder);
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        return new Backward(permuteColumns(y, inverseOrder), permuteColumns(gradOutput, inverseOrder));
    }

    @Override
    public String toString() {
        return "Permutation" + Arrays.toString(order);
    }

    /** A rearrangement: the inverse recovers the input exactly. */
    @Override
    public boolean stableInverse() {
        return true;
    }
}
