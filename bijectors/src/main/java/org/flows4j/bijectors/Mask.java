package org.flows4j.bijectors;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.flows4j.bijectors.kernel.CouplingLayout;
import org.flows4j.core.Shapes;

/**
 * A binary partition of D features into an identity part A (passed through, fed to the conditioner) and a
 * transformed part B, the index-split {@link Partition} of tabular couplings: the conditioner reads x_A and writes one
 * block of |B| per parameter. {@link #halfSplit}: A = the first ⌊D/2⌋ features;
 * {@link #alternating}: A = the even-indexed features. {@code flipped} swaps the roles of A and B.
 */
public final class Mask implements Partition {
    /** The two partitions this library builds; a model file names its masks by kind and flip. */
    public enum Kind { HALF, ALTERNATING }

    private final Kind kind;
    private final boolean flipped;
    private final int dim;
    private final int[] identity;
    private final int[] transformed;
    private final CouplingLayout layout;

    private Mask(Kind kind, boolean flipped, int dim) {
        if (dim < 2) {
            throw new IllegalArgumentException("a coupling mask needs at least 2 features, got " + dim);
        }
        int[] a = switch (kind) {
            case HALF -> IntStream.range(0, dim / 2).toArray();
            case ALTERNATING -> IntStream.range(0, dim).filter(i -> i % 2 == 0).toArray();
        };
        int[] b = IntStream.range(0, dim).filter(i -> Arrays.binarySearch(a, i) < 0).toArray();
        this.kind = kind;
        this.flipped = flipped;
        this.dim = dim;
        this.identity = flipped ? b : a;
        this.transformed = flipped ? a : b;
        this.layout = new CouplingLayout(new long[] {dim}, transformed, true, new long[] {identity.length},
                new long[] {transformed.length});
    }

    /** The mask of the given kind over {@code dim ≥ 2} features, with A and B swapped if {@code flipped}. */
    public static Mask of(Kind kind, int dim, boolean flipped) {
        return new Mask(kind, flipped, dim);
    }

    /** A = the first ⌊D/2⌋ features, B = the rest (swapped if {@code flipped}). */
    public static Mask halfSplit(int dim, boolean flipped) {
        return new Mask(Kind.HALF, flipped, dim);
    }

    /** A = the even-indexed features, B = the odd-indexed ones (swapped if {@code flipped}). */
    public static Mask alternating(int dim, boolean flipped) {
        return new Mask(Kind.ALTERNATING, flipped, dim);
    }

    /** The partition this mask was built from. */
    public Kind kind() {
        return kind;
    }

    /** Whether A and B are swapped relative to the kind's default. */
    public boolean flipped() {
        return flipped;
    }

    /** The number of features D. */
    public int dim() {
        return dim;
    }

    /** The indices of the features passed through unchanged (A), ascending. */
    public int[] identity() {
        return identity.clone();
    }

    /** The indices of the features transformed conditioned on A (B), ascending. */
    public int[] transformed() {
        return transformed.clone();
    }

    /** {@code |A|}, the number of features passed through. */
    public int identitySize() {
        return identity.length;
    }

    /** {@code |B|}, the number of features transformed. */
    public int transformedSize() {
        return transformed.length;
    }

    /** {@code [dim]} and nothing else. */
    @Override
    public long[] checkEvent(Object who, long[] eventShape) {
        return Shapes.same(who, new long[] {dim}, eventShape);
    }

    /** The columns B transformed, the columns A packed into the conditioner's input in order. */
    @Override
    public CouplingLayout layout(long[] eventShape) {
        checkEvent("Mask", eventShape);
        return layout;
    }

    @Override
    public String toString() {
        return "Mask[" + kind + (flipped ? ", flipped" : "") + ", A=" + Arrays.toString(identity) + "]";
    }
}
