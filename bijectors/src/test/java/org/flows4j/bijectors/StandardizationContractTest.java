package org.flows4j.bijectors;

import java.util.SplittableRandom;
import org.flows4j.core.Bijector;
import org.flows4j.testkit.BijectorContract;

/** Fixed standardization with seeded means and scales through the contract kit. */
class StandardizationContractTest extends BijectorContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = (int) eventShape[0];
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = 3 * r.nextGaussian();
            scale[i] = Math.exp(r.nextGaussian());
        }
        return new Standardization(mean, scale);
    }

    @org.junit.jupiter.api.Test
    void fittingRefusesRowsItCannotStandardiseNamingWhy() {
        org.nd4j.linalg.api.ndarray.INDArray withNaN = org.nd4j.linalg.factory.Nd4j.createFromArray(
                new double[][] {{1, 2}, {Double.NaN, 3}, {2, 5}});
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Standardization.fit(withNaN));
        org.junit.jupiter.api.Assertions.assertEquals(
                "Standardization.fit: expected finite values, got NaN or infinite ones", e.getMessage(),
                "a NaN used to be reported as a constant column");
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Standardization.fit(org.nd4j.linalg.factory.Nd4j.zeros(0, 2)));
        org.junit.jupiter.api.Assertions.assertEquals(
                "Standardization.fit: expected rows [N, D] with N >= 1, got [0, 2]", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Standardization(new double[] {Double.NaN}, new double[] {1}));
        org.junit.jupiter.api.Assertions.assertEquals("Standardization: feature 0: expected a finite mean and a "
                + "positive finite scale, got NaN and 1.0", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void anArrayOfAnotherWidthOrTypeIsRefusedWhenCalledDirectly() {
        Standardization std = new Standardization(new double[] {0, 1, 2, 3}, new double[] {1, 1, 2, 2});
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> std.forward(org.nd4j.linalg.factory.Nd4j.zeros(3, 5)));
        org.junit.jupiter.api.Assertions.assertEquals(
                "Standardization: expected an array of shape [N, 4], got [3, 5]", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> std.inverse(org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.INT, 3, 4)));
        org.junit.jupiter.api.Assertions.assertEquals("Standardization: expected a floating-point array, got INT",
                e.getMessage(), "a scale of 0.5 used to be cast to the integer 0");
        org.flows4j.bijectors.image.Squeeze squeeze = new org.flows4j.bijectors.image.Squeeze();
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> squeeze.inverse(org.nd4j.linalg.factory.Nd4j.zeros(2, 6, 4, 4)));
        org.junit.jupiter.api.Assertions.assertEquals("Squeeze: expected arrays of shape [N, 4C, H, W], got "
                + "[N, 6, 4, 4]", e.getMessage(), "6 channels used to be cut to 4");
    }
}
