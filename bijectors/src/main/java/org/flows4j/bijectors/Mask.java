package org.flows4j.bijectors;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A binary partition of D features into an identity part A (passed through, fed to the conditioner) and a
 * transformed part B, for coupling layers. {@link #halfSplit}: A = the first ⌊D/2⌋ features;
 * {@link #alternating}: A = the even-indexed features. {@code flipped} swaps the roles of A and B.
 */
public final class Mask {
    /** The two partitions this library builds; a model file names its masks by kind and flip. */
    public enum Kind { HALF, ALTERNATING }

    private final Kind kind;
    private final boolean flipped;
    private final int dim;
    private final int[] identity;
    private final int[] transformed;

    private Mask(Kind kind, boolean flipped, int dim) {
        if (dim < 2) {
            throw new IllegalArgumentException("a coupling mask needs at least 2 features, got " + dim);
        }
        int[] a = kind == Kind.HALF
                ? IntStream.range(0, dim / 2).toArray()
                : IntStream.range(0, dim).filter(i -> i % 2 == 0).toArray();
        int[] b = IntStream.range(0, dim).filter(i -> Arrays.binarySearch(a, i) < 0).toArray();
        this.kind = kind;
        this.flipped = flipped;
        this.dim = dim;
        this.identity = flipped ? b : a;
        this.transformed = flipped ? a : b;
    }

    public static Mask of(Kind kind, int dim, boolean flipped) {
        return new Mask(kind, flipped, dim);
    }

    public static Mask halfSplit(int dim, boolean flipped) {
        return new Mask(Kind.HALF, flipped, dim);
    }

    public static Mask alternating(int dim, boolean flipped) {
        return new Mask(Kind.ALTERNATING, flipped, dim);
    }

    public Kind kind() {
        return kind;
    }

    public boolean flipped() {
        return flipped;
    }

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

    public int identitySize() {
        return identity.length;
    }

    public int transformedSize() {
        return transformed.length;
    }

    @Override
    public String toString() {
        return "Mask[" + kind + (flipped ? ", flipped" : "") + ", A=" + Arrays.toString(identity) + "]";
    }
}
