package org.flows4j.bijectors;

import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/** Reverse (even seeds) and seeded shuffle (odd seeds) permutations through the contract kit. */
class PermutationContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int d = (int) eventShape[0];
        return seed % 2 == 0 ? Permutation.reverse(d) : Permutation.shuffle(d, seed);
    }
}
