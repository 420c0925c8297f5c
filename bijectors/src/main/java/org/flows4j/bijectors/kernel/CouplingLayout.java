package org.flows4j.bijectors.kernel;

import java.util.Arrays;

/**
 * Where a coupling finds its elements, for events of one shape: which positions of a flattened event the map
 * transforms (B) and which it keeps (A, the rest), where each kept element sits in the conditioner's input, and
 * where each transformed element's parameters sit in the conditioner's output.
 *
 * <p>Two arrangements cover the library's partitions. <em>Packed</em> (index and channel splits): the conditioner
 * reads the kept elements alone, in order ({@code inputShape} holds |A| elements), and writes P blocks of |B|, block
 * p holding parameter p of each transformed element in order. <em>In place</em> (multiplicative masks): the
 * conditioner reads {@code b ⊙ x} in the event's own shape and writes P event-sized blocks, parameter p of the
 * element at position e at {@code p·E + e}; its other outputs are unused.
 */
public final class CouplingLayout {
    private final long[] eventShape;
    private final int eventSize;
    private final int[] transformed;
    private final int[] identity;
    private final boolean packed;
    private final long[] inputShape;
    private final long[] blockShape;
    private final int inputSize;
    private final int blockSize;
    private final int[] inputIndex;
    private final int[] parameterIndex;

    /**
     * The layout of events of shape {@code eventShape} whose flat positions {@code transformed} (ascending, distinct)
     * the map changes; {@code inputShape} and {@code blockShape} are the conditioner's input per sample and one
     * parameter block of its output, each holding |A| and |B| elements when {@code packed}, E when not.
     */
    public CouplingLayout(long[] eventShape, int[] transformed, boolean packed, long[] inputShape, long[] blockShape) {
        this.eventShape = eventShape.clone();
        this.eventSize = Math.toIntExact(Arrays.stream(eventShape).reduce(1, Math::multiplyExact));
        this.transformed = transformed.clone();
        boolean[] isTransformed = new boolean[eventSize];
        int previous = -1;
        for (int e : transformed) {
            if (e <= previous || e >= eventSize) {
                throw new IllegalArgumentException("CouplingLayout: expected ascending positions in [0, " + eventSize
                        + "), got " + Arrays.toString(transformed));
            }
            isTransformed[e] = true;
            previous = e;
        }
        this.identity = java.util.stream.IntStream.range(0, eventSize).filter(e -> !isTransformed[e]).toArray();
        if (transformed.length == 0 || identity.length == 0) {
            throw new IllegalArgumentException("CouplingLayout: expected both kept and transformed elements, got "
                    + identity.length + " kept and " + transformed.length + " transformed");
        }
        this.packed = packed;
        this.inputShape = inputShape.clone();
        this.blockShape = blockShape.clone();
        this.inputSize = Math.toIntExact(Arrays.stream(inputShape).reduce(1, Math::multiplyExact));
        this.blockSize = Math.toIntExact(Arrays.stream(blockShape).reduce(1, Math::multiplyExact));
        int expectedInput = packed ? identity.length : eventSize;
        int expectedBlock = packed ? transformed.length : eventSize;
        if (inputSize != expectedInput || blockSize != expectedBlock) {
            throw new IllegalArgumentException("CouplingLayout: expected a conditioner input of " + expectedInput
                    + " and parameter blocks of " + expectedBlock + " elements, got " + Arrays.toString(inputShape)
                    + " and " + Arrays.toString(blockShape));
        }
        this.inputIndex = packed ? java.util.stream.IntStream.range(0, identity.length).toArray() : identity;
        this.parameterIndex = packed ? java.util.stream.IntStream.range(0, transformed.length).toArray()
                : this.transformed;
    }

    /** The event shape this layout describes. */
    public long[] eventShape() {
        return eventShape.clone();
    }

    /** E, the number of elements of one event. */
    public int eventSize() {
        return eventSize;
    }

    /** The flat positions of the transformed elements B, ascending. */
    public int[] transformed() {
        return transformed.clone();
    }

    /** The flat positions of the kept elements A, ascending. */
    public int[] identity() {
        return identity.clone();
    }

    /** Whether the conditioner reads the kept elements alone (splits) rather than {@code b ⊙ x} (masks). */
    public boolean packed() {
        return packed;
    }

    /** The conditioner's input shape for {@code n} samples: {@code [n, inputShape…]}. */
    public long[] conditionerInputShape(long n) {
        return withBatch(n, inputShape, 1);
    }

    /** The conditioner's output shape for {@code n} samples and P parameters: the first block axis times P. */
    public long[] conditionerOutputShape(long n, int parameters) {
        return withBatch(n, blockShape, parameters);
    }

    private static long[] withBatch(long n, long[] shape, int factor) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        s[1] *= factor;
        return s;
    }

    int transformedSize() {
        return transformed.length;
    }

    int[] transformedPositions() {
        return transformed;
    }

    int[] identityPositions() {
        return identity;
    }

    int inputSize() {
        return inputSize;
    }

    int blockSize() {
        return blockSize;
    }

    /** For kept element i (in the order of {@link #identity()}), its flat position in the conditioner's input. */
    int[] inputIndex() {
        return inputIndex;
    }

    /** For transformed element j, its flat position within a parameter block of the conditioner's output. */
    int[] parameterIndex() {
        return parameterIndex;
    }

    @Override
    public String toString() {
        return "CouplingLayout[" + Arrays.toString(eventShape) + ", " + transformed.length + " transformed, "
                + (packed ? "packed" : "in place") + "]";
    }
}
