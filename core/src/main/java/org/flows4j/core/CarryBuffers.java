package org.flows4j.core;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two reusable buffers per owner, role, shape and type, through which a {@link Chain} hands an array from one part to
 * the next during a training step ({@link Checkpoints} session) — in the forward pass an output, in the backward pass
 * a recomputed input and a gradient: a step then holds two arrays per role and shape instead of one per part. The
 * buffers are ordinary memory, kept per thread from step to step while their owner lives.
 */
final class CarryBuffers {
    /** What a carried array is: a part's output in the forward pass, its recomputed input, or the gradient. */
    enum Role {
        /** A part's output in the forward pass, handed to the next part. */
        OUTPUT,
        /** The input a part's backward pass recomputed from its output. */
        INPUT,
        /** dL/dx, the gradient with respect to a part's input. */
        GRADIENT
    }

    private static final ThreadLocal<Map<Object, Map<String, INDArray>>> BUFFERS =
            ThreadLocal.withInitial(WeakHashMap::new);

    private CarryBuffers() {
    }

    /**
     * During a session, a copy of {@code value} in {@code owner}'s buffer of this {@code role}, {@code parity} (even or
     * odd), shape and type; outside a session, null. The copy is overwritten by the owner's next carry of the same
     * role, parity, shape and type.
     */
    static INDArray carry(Object owner, Role role, int parity, INDArray value) {
        if (!Checkpoints.isOpen()) {
            return null;
        }
        String key = role + " " + (parity & 1) + " " + value.dataType() + " " + java.util.Arrays.toString(value.shape());
        INDArray buffer = BUFFERS.get().computeIfAbsent(owner, o -> new HashMap<>()).computeIfAbsent(key, k -> {
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.createUninitialized(value.dataType(), value.shape());
            }
        });
        return buffer.assign(value);
    }

    /** Whether {@code a} is one of this thread's carry buffers, or a view of one: memory a later carry overwrites. */
    static boolean holds(INDArray a) {
        DataBuffer data = a.data();
        for (Map<String, INDArray> buffers : BUFFERS.get().values()) {
            for (INDArray buffer : buffers.values()) {
                DataBuffer own = buffer.data();
                if (own == data || own == data.originalDataBuffer() || own == data.underlyingDataBuffer()) {
                    return true;
                }
            }
        }
        return false;
    }
}
