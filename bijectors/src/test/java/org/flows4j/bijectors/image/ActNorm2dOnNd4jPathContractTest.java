package org.flows4j.bijectors.image;

import org.flows4j.bijectors.kernel.OnNd4jPath;

/** The contract of {@link ActNorm2dContractTest} with every kernel forced onto the ND4J path. */
@OnNd4jPath
class ActNorm2dOnNd4jPathContractTest extends ActNorm2dContractTest {
}
