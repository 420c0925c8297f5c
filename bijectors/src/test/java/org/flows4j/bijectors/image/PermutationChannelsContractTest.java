package org.flows4j.bijectors.image;

import org.flows4j.bijectors.Permutation;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorChecks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A shuffled permutation of image channels through the contract kit; reverse maps channel c to C−1−c. */
class PermutationChannelsContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return Permutation.shuffle((int) eventShape[0], seed);
    }

    @Test
    void reverseReversesTheChannels() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2);
        INDArray y = Permutation.reverse(3).forward(x);
        for (int c = 0; c < 3; c++) {
            BijectorChecks.assertClose("channel " + c, y.get(NDArrayIndex.all(), NDArrayIndex.point(c)),
                    x.get(NDArrayIndex.all(), NDArrayIndex.point(2 - c)), 0);
        }
    }
}
