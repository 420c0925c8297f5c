package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.flows4j.bijectors.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** The tool's thread policy gives the kernel layer every core unless {@code -Dflows4j.kernels.threads} asks for a count. */
class ThreadPolicyTest {
    @Test
    void theKernelThreadsPropertyIsHonouredAndOtherwiseEveryCoreIsUsed() {
        String before = System.getProperty("flows4j.kernels.threads");
        try {
            int asked = Runtime.getRuntime().availableProcessors() + 1;
            System.setProperty("flows4j.kernels.threads", String.valueOf(asked));
            Runnable undo = ThreadPolicy.apply();
            assertEquals(asked, Kernels.threads(), "the property's count, not every core");
            undo.run();
            System.clearProperty("flows4j.kernels.threads");
            undo = ThreadPolicy.apply();
            assertEquals(Runtime.getRuntime().availableProcessors(), Kernels.threads(), "every core");
            undo.run();
        } finally {
            if (before == null) {
                System.clearProperty("flows4j.kernels.threads");
            } else {
                System.setProperty("flows4j.kernels.threads", before);
            }
        }
    }
}
