package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.math3.distribution.LogisticDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.flows4j.core.dist.DiagonalGaussian;
import org.flows4j.core.dist.StandardLogistic;
import org.flows4j.core.dist.StandardNormal;
import org.flows4j.testkit.BijectorChecks;
import org.flows4j.testkit.FiniteDifferences;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Base distributions against commons-math3 densities, and their gradients against finite differences. */
class DistributionTest {
    private static final int D = 3;

    @BeforeEach
    void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static double referenceLogProb(Distribution d, INDArray z, int row) {
        double sum = 0;
        for (int j = 0; j < D; j++) {
            double v = z.getDouble(row, j);
            if (d instanceof StandardNormal) {
                sum += new NormalDistribution(0, 1).logDensity(v);
            } else if (d instanceof StandardLogistic) {
                sum += Math.log(new LogisticDistribution(0, 1).density(v));
            } else {
                DiagonalGaussian g = (DiagonalGaussian) d;
                sum += new NormalDistribution(g.mean().value().getDouble(j),
                        Math.exp(g.logScale().value().getDouble(j))).logDensity(v);
            }
        }
        return sum;
    }

    private static Distribution[] all(long seed) {
        DiagonalGaussian g = new DiagonalGaussian(D);
        SplittableRandom r = new SplittableRandom(seed);
        g.mean().value().assign(BijectorChecks.gaussian(r, 1, D));
        g.logScale().value().assign(BijectorChecks.gaussian(r, 1, D).muli(0.5));
        return new Distribution[] {new StandardNormal(D), new StandardLogistic(D), g};
    }

    @Property(tries = 30)
    void logProbMatchesReference(@ForAll @LongRange(max = 10_000) long seed,
                                 @ForAll @DoubleRange(min = 0.1, max = 8) double spread) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray z = BijectorChecks.gaussian(new SplittableRandom(seed + 1), 4, D).muli(spread);
        for (Distribution d : all(seed)) {
            INDArray lp = d.logProb(z);
            for (int n = 0; n < 4; n++) {
                double expected = referenceLogProb(d, z, n);
                assertEquals(expected, lp.getDouble(n), 1e-10 * Math.max(1, Math.abs(expected)), d + " at row " + n);
            }
        }
    }

    @Property(tries = 20)
    void gradientsMatchFiniteDifferences(@ForAll @LongRange(max = 10_000) long seed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        SplittableRandom r = new SplittableRandom(seed);
        INDArray z = BijectorChecks.gaussian(r, 3, D).muli(2);
        INDArray v = BijectorChecks.gaussian(r, 3);
        double h = 1e-6;
        for (Distribution d : all(seed)) {
            d.parameters().forEach(p -> p.grad().assign(0));
            INDArray gradZ = d.backward(z, v);
            for (int n = 0; n < 3; n++) {
                for (int j = 0; j < D; j++) {
                    double numeric = FiniteDifferences.partial(z, (long) n * D + j, h,
                            () -> d.logProb(z).mul(v).sumNumber().doubleValue());
                    FiniteDifferences.assertAgrees(d + " dL/dz", gradZ.getDouble(n, j), numeric, 1e-6);
                }
            }
            for (Parameter p : d.parameters()) {
                for (int j = 0; j < p.length(); j++) {
                    double numeric = FiniteDifferences.partial(p.value(), j, h,
                            () -> d.logProb(z).mul(v).sumNumber().doubleValue());
                    FiniteDifferences.assertAgrees(d + " " + p.name(), p.grad().getDouble(j), numeric, 1e-6);
                }
            }
        }
    }

    @Test
    void samplesHaveTheTemperatureAsScale() {
        int n = 200_000;
        for (double t : new double[] {0.5, 1.0}) {
            INDArray normal = new StandardNormal(2).sample(n, t, new SplittableRandom(1));
            // Standard error of a sample std over 4e5 draws is about 0.0011·T; 5 of them is 0.006·T.
            assertEquals(t, normal.stdNumber().doubleValue(), 0.006 * t);
            assertEquals(0, normal.meanNumber().doubleValue(), 0.01);
            INDArray logistic = new StandardLogistic(2).sample(n, t, new SplittableRandom(2));
            assertEquals(t * Math.PI / Math.sqrt(3), logistic.stdNumber().doubleValue(), 0.02 * t);
        }
        assertEquals(0, new StandardNormal(3).sample(5, 0, new SplittableRandom(3)).norm2Number().doubleValue());
    }
}
