package org.flows4j.bijectors.image;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flows4j.bijectors.kernel.OnNd4jPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract of {@link ImageModelsContractTest} with every kernel forced onto the ND4J path. */
class ImageModelsOnNd4jPathContractTest extends ImageModelsContractTest {
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
