package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link CarryBuffers}: only inside a session, one reused buffer per owner, role, parity, shape and type. */
class CarryBuffersTest {

    @Test
    void outsideASessionNothingIsCarried() {
        assertNull(CarryBuffers.carry(new Object(), CarryBuffers.Role.GRADIENT, 1, Nd4j.createFromArray(1f, 2f)));
    }

    @Test
    void eachParityHasItsOwnBufferReusedAcrossSessions() {
        Object owner = new Object();
        INDArray odd;
        INDArray even;
        try (Checkpoints session = Checkpoints.open()) {
            odd = CarryBuffers.carry(owner, CarryBuffers.Role.GRADIENT, 1, Nd4j.createFromArray(1f, 2f));
            even = CarryBuffers.carry(owner, CarryBuffers.Role.GRADIENT, 2, Nd4j.createFromArray(3f, 4f));
            assertNotSame(odd, even);
            assertEquals(Nd4j.createFromArray(1f, 2f), odd, "a copy of the value, untouched by the other parity");
            assertEquals(Nd4j.createFromArray(3f, 4f), even);
            assertNotSame(odd, CarryBuffers.carry(owner, CarryBuffers.Role.GRADIENT, 1,
                    Nd4j.createFromArray(1f, 2f, 3f)), "another shape");
            assertNotSame(odd, CarryBuffers.carry(new Object(), CarryBuffers.Role.GRADIENT, 1,
                    Nd4j.createFromArray(1f, 2f)), "another owner");
            INDArray input = CarryBuffers.carry(owner, CarryBuffers.Role.INPUT, 1, Nd4j.createFromArray(7f, 8f));
            assertNotSame(odd, input, "another role");
            assertEquals(Nd4j.createFromArray(1f, 2f), odd, "untouched by the other role");
        }
        try (Checkpoints session = Checkpoints.open()) {
            assertSame(odd, CarryBuffers.carry(owner, CarryBuffers.Role.GRADIENT, 3, Nd4j.createFromArray(5f, 6f)));
            assertEquals(Nd4j.createFromArray(5f, 6f), odd, "overwritten by the next carry of its parity");
            assertEquals(Nd4j.createFromArray(3f, 4f), even);
        }
    }
}
