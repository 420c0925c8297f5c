package org.flows4j.bijectors.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Each thread's native scratch memory for the host kernels, grown on demand and kept (freed with the thread): a
 * kernel's temporary copy of an operand, valid until the thread's next call for the same {@link Slot}. A kernel
 * that holds one slot while calling another kernel uses another slot, so neither overwrites the other.
 */
final class Scratch {
    /** Independent scratch areas of one thread. */
    enum Slot {
        /** The right factor of a matrix product ({@link Products}). */
        PRODUCT,
        /** A convolution's input planes with their zero borders ({@link Convolutions}). */
        CONVOLUTION_INPUT,
        /** A convolution's output, or its output gradient, on its padded grid ({@link Convolutions}). */
        CONVOLUTION_OUTPUT,
        /** A convolution's unfolded input: its k² shifted copies as the rows of one matrix ({@link Convolutions}). */
        CONVOLUTION_UNFOLDED,
        /** A convolution's weights regrouped for its input gradient ({@link Convolutions}). */
        CONVOLUTION_WEIGHTS,
        /** The per-lane partial sums of a convolution's weight gradient ({@link Convolutions}). */
        CONVOLUTION_PARTIALS
    }

    private static final ThreadLocal<MemorySegment[]> MEMORY =
            ThreadLocal.withInitial(() -> new MemorySegment[Slot.values().length]);

    private Scratch() {
    }

    /** At least {@code count} floats of this thread's product scratch (contents undefined). */
    static MemorySegment floats(long count) {
        return bytes(Slot.PRODUCT, count * Float.BYTES);
    }

    /** At least {@code bytes} bytes of this thread's scratch {@code slot} (contents undefined), 64-byte aligned. */
    static MemorySegment bytes(Slot slot, long bytes) {
        MemorySegment[] slots = MEMORY.get();
        MemorySegment m = slots[slot.ordinal()];
        if (m == null || m.byteSize() < bytes) {
            m = Arena.ofAuto().allocate(Math.max(bytes, 64 * 1024), 64);
            slots[slot.ordinal()] = m;
        }
        return m.asSlice(0, bytes);
    }
}
