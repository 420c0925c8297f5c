package org.flows4j.bijectors.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Each thread's native scratch memory for the host kernels, grown on demand and kept (freed with the thread): a
 * kernel's temporary copy of an operand, valid until the thread's next call.
 */
final class Scratch {
    private static final ThreadLocal<MemorySegment> MEMORY = new ThreadLocal<>();

    private Scratch() {
    }

    /** At least {@code count} floats of this thread's scratch (contents undefined). */
    static MemorySegment floats(long count) {
        long bytes = count * Float.BYTES;
        MemorySegment m = MEMORY.get();
        if (m == null || m.byteSize() < bytes) {
            m = Arena.ofAuto().allocate(Math.max(bytes, 64 * 1024), 64);
            MEMORY.set(m);
        }
        return m.asSlice(0, bytes);
    }
}
