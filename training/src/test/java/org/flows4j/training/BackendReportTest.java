package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The report names the backend actually loaded (flows4j-gpu's test checks CUDA on a CUDA machine). */
class BackendReportTest {

    @Test
    void reportsTheLoadedCpuBackend() {
        BackendReport r = BackendReport.current();
        assertEquals(Nd4j.getBackend().getClass().getSimpleName(), r.backend());
        assertTrue(r.threads() >= 1);
        assertTrue(r.oneLine().contains("backend " + r.backend()), r.oneLine());
        assertTrue(r.oneLine().contains("kernels host (Vector API"), "the tests run the host kernels: " + r.oneLine());
        assertFalse(r.device().isBlank());
    }
}
