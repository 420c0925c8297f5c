package org.flows4j.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flows4j.training.BackendReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** With flows4j-gpu on the class path of a CUDA machine, ND4J runs on the CUDA backend (run with {@code -Pcuda}). */
class CudaBackendTest {

    @Test
    void cudaBackendIsLoaded() {
        BackendReport r = BackendReport.current();
        assertTrue(r.isCuda(), "expected the CUDA backend, got " + r.oneLine());
        assertEquals(6.0, Nd4j.create(new float[] {1, 2, 3}).sumNumber().doubleValue());
    }
}
