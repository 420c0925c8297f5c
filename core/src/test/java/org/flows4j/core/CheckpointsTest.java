package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Session scoping, per-owner last-in-first-out order, and where {@link Checkpoints} keeps what it saves. */
class CheckpointsTest {

    @Test
    void withoutASessionNothingIsKept() {
        Object owner = new Object();
        Checkpoints.save(owner, Nd4j.ones(DataType.FLOAT, 2));
        assertNull(Checkpoints.take(owner));
    }

    @Test
    void savedInputsComeBackLastInFirstOutPerOwner() {
        Object a = new Object();
        Object b = new Object();
        INDArray first = Nd4j.createFromArray(1f, 2f);
        INDArray second = Nd4j.createFromArray(3f, 4f);
        try (Checkpoints session = Checkpoints.open()) {
            Checkpoints.save(a, first);
            Checkpoints.save(b, Nd4j.createFromArray(5f));
            Checkpoints.save(a, second);
            assertEquals(3, session.pending());
            assertSame(second, Checkpoints.take(a), "ordinary memory outlives the session: kept by reference");
            assertSame(first, Checkpoints.take(a));
            assertNull(Checkpoints.take(a));
            assertEquals(1, session.pending());
        }
        assertNull(Checkpoints.take(b), "closing the session drops what was not taken");
    }

    @Test
    void anInputInAPartsWorkspaceIsCopiedIntoTheStepsAndOneInTheStepsIsKeptAsItIs() {
        Object owner = new Object();
        try (MemoryWorkspace step = Nd4j.getWorkspaceManager().getAndActivateWorkspace(PartScope.CONFIG, "test-step");
             Checkpoints session = Checkpoints.open()) {
            INDArray inStep = Nd4j.createFromArray(8f, 9f);
            Checkpoints.save(owner, inStep);
            INDArray inPart;
            try (MemoryWorkspace part = Nd4j.getWorkspaceManager().getAndActivateWorkspace(PartScope.CONFIG,
                    "test-part")) {
                inPart = Nd4j.createFromArray(1f, 2f);
                Checkpoints.save(owner, inPart);
                inPart.assign(-1);
            }
            INDArray copy = Checkpoints.take(owner);
            assertNotSame(inPart, copy);
            assertEquals(Nd4j.createFromArray(1f, 2f), copy, "a copy, unchanged by later writes to the part's memory");
            assertSame(step, copy.data().getParentWorkspace(), "the copy lives in the step's workspace");
            assertSame(inStep, Checkpoints.take(owner));
        }
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

    @Test
    void aCheckpointedChainKeepsTheInputsOfPartsWithoutAStableInverseOnly() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Chain chain = Chain.of(new FlowTest.StableScaleShift(2), new org.flows4j.testkit.ScaleShift(2),
                new FlowTest.StableScaleShift(2), new FlowTest.StableScaleShift(2), new org.flows4j.testkit.Sinh())
                .scoped().checkpointed();
        try (Checkpoints session = Checkpoints.open()) {
            chain.forwardWithLogDet(Nd4j.rand(DataType.DOUBLE, 4, 2));
            assertEquals(2, session.pending(), "the inputs of the ScaleShift and the Sinh");
        }
    }

    @Test
    void aCarryBufferOrAViewOfOneIsCopiedNotKeptByReference() {
        Object chain = new Object();
        Object owner = new Object();
        try (Checkpoints session = Checkpoints.open()) {
            INDArray carried = CarryBuffers.carry(chain, CarryBuffers.Role.OUTPUT, 1,
                    Nd4j.createFromArray(1f, 2f, 3f, 4f));
            Checkpoints.save(owner, carried);
            Checkpoints.save(owner, carried.reshape(2, 2));
            CarryBuffers.carry(chain, CarryBuffers.Role.OUTPUT, 3, Nd4j.createFromArray(9f, 9f, 9f, 9f));
            assertEquals(Nd4j.createFromArray(1f, 2f, 3f, 4f).reshape(2, 2), Checkpoints.take(owner),
                    "a view of the buffer, copied before the next carry overwrote it");
            assertEquals(Nd4j.createFromArray(1f, 2f, 3f, 4f), Checkpoints.take(owner), "the buffer itself, copied");
        }
    }
}
