package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access, by flat c-order index, to the host memory of a contiguous float32 or float64 ND4J array, through a
 * {@link MemorySegment} over its native address (no copy): the host path's only way into an array. Small element-wise
 * steps written as plain loops over it avoid ND4J's per-op overhead (tens of microseconds per call on small arrays).
 * CPU backend only; nothing outside this package sees it.
 */
final class ArrayMemory {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private final MemorySegment segment;
    private final boolean float32;

    private ArrayMemory(MemorySegment segment, boolean float32) {
        this.segment = segment;
        this.float32 = float32;
    }

    /** The memory of {@code a}, which must be c-contiguous (see {@link #contiguous}) and FLOAT or DOUBLE. */
    static ArrayMemory of(INDArray a) {
        if (!isContiguous(a)) {
            throw new IllegalArgumentException("array is not c-contiguous: " + a.shapeInfoToString());
        }
        DataType type = a.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("only FLOAT and DOUBLE arrays are supported, got " + type);
        }
        long width = type.width();
        // The buffer's address already includes the buffer's own offset; add any further offset of the array.
        long address = a.data().addressPointer().address() + (a.offset() - a.data().offset()) * width;
        return new ArrayMemory(MemorySegment.ofAddress(address).reinterpret(a.length() * width),
                type == DataType.FLOAT);
    }

    /** {@code a} itself when c-contiguous, otherwise a c-ordered copy. */
    static INDArray contiguous(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    /** True when the elements lie in c order with no gaps (dimensions of size 1 may have any stride). */
    static boolean isContiguous(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** The memory itself, {@code length × width} bytes. */
    MemorySegment segment() {
        return segment;
    }

    /** True for a float32 array, false for float64. */
    boolean isFloat() {
        return float32;
    }

    /** The element at flat c-order index {@code i}, widened to double. */
    double get(long i) {
        return float32 ? segment.getAtIndex(FLOAT, i) : segment.getAtIndex(DOUBLE, i);
    }

    /** Writes {@code v} at flat c-order index {@code i}, rounded to float for a float32 array. */
    void set(long i, double v) {
        if (float32) {
            segment.setAtIndex(FLOAT, i, (float) v);
        } else {
            segment.setAtIndex(DOUBLE, i, v);
        }
    }

    /** {@code this[i] += v}. */
    void add(long i, double v) {
        set(i, get(i) + v);
    }

    /** Copies {@code length} elements from {@code source} at {@code from} to this memory at {@code to}; same type. */
    void copyFrom(ArrayMemory source, long from, long to, long length) {
        if (source.float32 != float32) {
            throw new IllegalArgumentException("element types differ");
        }
        long width = float32 ? Float.BYTES : Double.BYTES;
        MemorySegment.copy(source.segment, from * width, segment, to * width, length * width);
    }
}
