package org.flows4j.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The report names the backend actually loaded; the gpu-tagged test runs only with -Pcuda on a CUDA machine. */
class BackendReportTest {

    @Test
    void reportsTheLoadedCpuBackend() {
        BackendReport r = BackendReport.current();
        assertEquals(Nd4j.getBackend().getClass().getSimpleName(), r.backend());
        assertTrue(r.threads() >= 1);
        assertTrue(r.oneLine().contains("backend " + r.backend()), r.oneLine());
        assertFalse(r.device().isBlank());
    }

    @Test
    @Tag("gpu")
    void cudaBackendIsLoadedOnAGpuMachine() {
        BackendReport r = BackendReport.current();
        assertTrue(r.isCuda(), "expected the CUDA backend, got " + r.oneLine());
        assertTrue(Nd4j.create(new float[] {1, 2, 3}).sumNumber().doubleValue() == 6.0);
    }
}
