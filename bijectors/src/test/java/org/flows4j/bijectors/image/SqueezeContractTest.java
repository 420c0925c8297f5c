package org.flows4j.bijectors.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.flows4j.core.Bijector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Squeeze through the contract kit, and its channel order. */
class SqueezeContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new Squeeze();
    }

    @Override
    protected Arbitrary<Integer> sides() {
        return Arbitraries.of(2, 4);
    }

    @Test
    void movesEachTwoByTwoBlockIntoFourChannels() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = Nd4j.arange(2 * 4 * 6).castTo(DataType.DOUBLE).reshape(1, 2, 4, 6);
        INDArray y = new Squeeze().forward(x);
        assertArrayEquals(new long[] {1, 8, 2, 3}, y.shape());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    for (int h = 0; h < 2; h++) {
                        for (int w = 0; w < 3; w++) {
                            assertEquals(x.getDouble(0, c, 2 * h + i, 2 * w + j), y.getDouble(0, 4 * c + 2 * i + j, h, w));
                        }
                    }
                }
            }
        }
    }
}
