package org.flows4j.bijectors;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flows4j.bijectors.kernel.OnNd4jPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract of {@link NiceContractTest} with every kernel forced onto the ND4J path. */
class NiceOnNd4jPathContractTest extends NiceContractTest {
    @BeforeContainer
    @BeforeAll
    static void nd4jPath() {
        OnNd4jPath.force();
    }

    @AfterContainer
    @AfterAll
    static void automaticPath() {
        OnNd4jPath.restore();
    }
}
