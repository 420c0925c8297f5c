package org.flows4j.bijectors.image;

import org.flows4j.bijectors.kernel.OnNd4jPath;

/** The contract of {@link FactorOutContractTest} with every kernel forced onto the ND4J path. */
@OnNd4jPath
class FactorOutOnNd4jPathContractTest extends FactorOutContractTest {
}
