package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.flows4j.testkit.BijectorCase;
import org.flows4j.testkit.BijectorChecks;
import org.flows4j.testkit.BijectorContract;
import org.flows4j.testkit.ScaleShift;
import org.flows4j.testkit.Sinh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Chain composes left to right and its log-det is the sum of its parts' at their own inputs. */
class ChainTest {

    private static Bijector[] parts(int d, long seed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Bijector[] parts = {new ScaleShift(d), new Sinh(), new ScaleShift(d)};
        for (int i = 0; i < parts.length; i++) {
            BijectorContract.randomizeParameters(parts[i], seed + i, 0.5);
        }
        return parts;
    }

    @Property(tries = 30)
    void logDetIsSumOfParts(@ForAll @IntRange(min = 1, max = 5) int batch, @ForAll @IntRange(min = 1, max = 6) int d,
                            @ForAll @LongRange(max = 10_000) long seed) {
        Bijector[] parts = parts(d, seed);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(seed), batch, d);
        INDArray h = x;
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, batch);
        for (Bijector p : parts) {
            sum.addi(p.logAbsDetJacobian(h));
            h = p.forward(h);
        }
        Transformed chained = Chain.of(parts).forwardWithLogDet(x);
        BijectorChecks.assertClose("Chain log-det vs sum of parts", chained.logDet(), sum, 1e-12);
        BijectorChecks.assertClose("Chain output vs parts applied left to right", chained.output(), h, 1e-12);
    }

    @Property(tries = 20)
    void appliesLeftToRight(@ForAll @LongRange(max = 10_000) long seed) {
        Bijector[] parts = parts(3, seed);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(seed), 2, 3);
        INDArray expected = parts[2].forward(parts[1].forward(parts[0].forward(x)));
        BijectorChecks.assertClose("Chain.of(a, b, c)(x) vs c(b(a(x)))", Chain.of(parts).forward(x), expected, 1e-12);
        INDArray reversedOrder = parts[0].forward(parts[1].forward(parts[2].forward(x)));
        assertEquals(false, reversedOrder.equalsWithEps(Chain.of(parts).forward(x), 1e-6),
                "the test must be able to tell the two orders apart");
    }

    @Property(tries = 10)
    void emptyChainIsIdentity(@ForAll("anyCase") BijectorCase c) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(c.seed()), c.shape());
        Transformed t = Chain.of().forwardWithLogDet(x);
        BijectorChecks.assertClose("empty chain output", t.output(), x, 0);
        BijectorChecks.assertClose("empty chain log-det", t.logDet(), Nd4j.zeros(DataType.DOUBLE, c.batch()), 0);
    }

    @Provide
    Arbitrary<BijectorCase> anyCase() {
        return Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 4).map(d -> new long[] {d}),
                Arbitraries.longs().between(0, 100)).as(BijectorCase::new);
    }

    /** A user's bijector whose log-det is one number for the whole batch. */
    private static final class ScalarLogDet implements Bijector {
        @Override
        public Transformed forwardWithLogDet(INDArray x) {
            return new Transformed(x.dup(), Nd4j.scalar(x.dataType(), 0.5));
        }

        @Override
        public INDArray inverse(INDArray y) {
            return y.dup();
        }

        @Override
        public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
            return new Backward(y.dup(), gradOutput.dup());
        }
    }

    @org.junit.jupiter.api.Test
    void aPartsLogDetOfAnotherShapeIsRefusedNotBroadcast() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Chain chain = Chain.of(new Sinh(), new ScalarLogDet());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> chain.forwardWithLogDet(x));
        assertEquals("Chain: part 2 of 2 (ScalarLogDet): returned a log-det of shape [], expected [4]",
                e.getMessage());
        Flow flow = new Flow(new ScalarLogDet(), new org.flows4j.core.dist.StandardNormal(3));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> flow.logProb(x));
        assertEquals("ScalarLogDet: returned a log-det of shape [], expected [4]", e.getMessage());
    }
}
