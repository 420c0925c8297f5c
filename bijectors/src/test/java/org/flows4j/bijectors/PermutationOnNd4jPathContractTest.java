package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.OnNd4jPath;

/** The contract of {@link PermutationContractTest} with every kernel forced onto the ND4J path. */
@OnNd4jPath
class PermutationOnNd4jPathContractTest extends PermutationContractTest {
}
