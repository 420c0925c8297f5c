package org.flows4j.bijectors.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.linear.LUDecomposition;
import org.flows4j.core.Bijector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The plain 1×1 convolution through the contract kit; it starts as a rotation (|det W| = 1). */
class InvertibleConv1x1ContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new InvertibleConv1x1((int) eventShape[0], seed);
    }

    @Override
    protected Arbitrary<Integer> channels() {
        return Arbitraries.integers().between(1, 4);
    }

    @Test
    void startsAsARotation() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        InvertibleConv1x1 conv = new InvertibleConv1x1(6, 3);
        double det = new LUDecomposition(Conv1x1.matrix(conv.weight().value())).getDeterminant();
        assertEquals(1, Math.abs(det), 1e-12);
    }
}
