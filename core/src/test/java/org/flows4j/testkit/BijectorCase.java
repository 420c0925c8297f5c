package org.flows4j.testkit;

import java.util.Arrays;

/**
 * One generated case for the contract kit: a batch size, an event shape and a seed from which the bijector's
 * random parameters and the inputs are drawn. Printed by jqwik as the (shrunk) counterexample.
 */
public record BijectorCase(int batch, long[] eventShape, long seed) {

    /** The full input shape {@code [batch, event...]}. */
    public long[] shape() {
        long[] s = new long[eventShape.length + 1];
        s[0] = batch;
        System.arraycopy(eventShape, 0, s, 1, eventShape.length);
        return s;
    }

    public int eventSize() {
        return Math.toIntExact(Arrays.stream(eventShape).reduce(1, (a, b) -> a * b));
    }

    @Override
    public String toString() {
        return "BijectorCase[batch=" + batch + ", eventShape=" + Arrays.toString(eventShape) + ", seed=" + seed + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BijectorCase c && c.batch == batch && c.seed == seed && Arrays.equals(c.eventShape, eventShape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * batch + Arrays.hashCode(eventShape)) + Long.hashCode(seed);
    }
}
