package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Session scoping, per-owner last-in-first-out order and copying of {@link Checkpoints}. */
class CheckpointsTest {

    @Test
    void withoutASessionNothingIsKept() {
        Object owner = new Object();
        Checkpoints.save(owner, Nd4j.ones(DataType.FLOAT, 2));
        assertNull(Checkpoints.take(owner));
    }

    @Test
    void savedInputsComeBackLastInFirstOutPerOwnerAsCopies() {
        Object a = new Object();
        Object b = new Object();
        INDArray first = Nd4j.createFromArray(1f, 2f);
        try (Checkpoints session = Checkpoints.open()) {
            Checkpoints.save(a, first);
            Checkpoints.save(b, Nd4j.createFromArray(5f));
            Checkpoints.save(a, Nd4j.createFromArray(3f, 4f));
            first.assign(-1);
            assertEquals(3, session.pending());
            assertEquals(Nd4j.createFromArray(3f, 4f), Checkpoints.take(a));
            assertEquals(Nd4j.createFromArray(1f, 2f), Checkpoints.take(a), "a copy, unchanged by later writes");
            assertNull(Checkpoints.take(a));
            assertEquals(1, session.pending());
        }
        assertNull(Checkpoints.take(b), "closing the session drops what was not taken");
    }

    @Test
    void nestedSessionsRestoreTheEnclosingOne() {
        Object owner = new Object();
        INDArray x = Nd4j.createFromArray(7f);
        try (Checkpoints outer = Checkpoints.open()) {
            Checkpoints.save(owner, x);
            try (Checkpoints inner = Checkpoints.open()) {
                assertNull(Checkpoints.take(owner));
                assertEquals(0, inner.pending());
            }
            assertEquals(x, Checkpoints.take(owner));
            assertSame(null, Checkpoints.take(owner));
        }
    }
}
