package org.flows4j.core;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two reusable buffers per owner, shape and type, through which a {@link Chain}'s backward pass hands each part's
 * gradient to the next part during a training step ({@link Checkpoints} session): a step then holds two gradients per
 * shape instead of one per part. The buffers are ordinary memory, kept per thread from step to step while their owner
 * lives.
 */
final class CarryBuffers {
    private static final ThreadLocal<Map<Object, Map<String, INDArray>>> BUFFERS =
            ThreadLocal.withInitial(WeakHashMap::new);

    private CarryBuffers() {
    }

    /**
     * During a session, a copy of {@code value} in {@code owner}'s buffer of this {@code parity} (even or odd), shape
     * and type; outside a session, null. The copy is overwritten by the owner's next carry of the same parity, shape
     * and type.
     */
    static INDArray carry(Object owner, int parity, INDArray value) {
        if (!Checkpoints.isOpen()) {
            return null;
        }
        String key = (parity & 1) + " " + value.dataType() + " " + java.util.Arrays.toString(value.shape());
        INDArray buffer = BUFFERS.get().computeIfAbsent(owner, o -> new HashMap<>()).computeIfAbsent(key, k -> {
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.createUninitialized(value.dataType(), value.shape());
            }
        });
        return buffer.assign(value);
    }
}
