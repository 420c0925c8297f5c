package org.flows4j.bijectors.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.linear.RealMatrix;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorChecks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The LU-form 1×1 convolution through the contract kit; initially W = P·L·U is the plain form's rotation. */
class InvertibleConv1x1LuContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new InvertibleConv1x1Lu((int) eventShape[0], seed);
    }

    @Override
    protected Arbitrary<Integer> channels() {
        return Arbitraries.integers().between(1, 4);
    }

    @Test
    void startsFromTheSameRotationAsThePlainForm() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        RealMatrix lu = new InvertibleConv1x1Lu(5, 11).weight();
        BijectorChecks.assertClose("P·L·U", Nd4j.create(lu.getData()),
                new InvertibleConv1x1(5, 11).weight().value(), 1e-12);
    }
}
