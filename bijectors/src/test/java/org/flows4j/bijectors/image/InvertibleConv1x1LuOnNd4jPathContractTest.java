package org.flows4j.bijectors.image;

import org.flows4j.bijectors.kernel.OnNd4jPath;

/** The contract of {@link InvertibleConv1x1LuContractTest} with every kernel forced onto the ND4J path. */
@OnNd4jPath
class InvertibleConv1x1LuOnNd4jPathContractTest extends InvertibleConv1x1LuContractTest {
}
