package org.flows4j.testkit;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.flows4j.core.Bijector;
import org.flows4j.core.Parameter;
import org.flows4j.core.ParameterVector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bijector contract as jqwik properties, in float64. Extend it, implement {@link #create}, and every property
 * below runs against your bijector with generated batch sizes, event shapes, parameters and inputs:
 *
 * <pre>{@code
 * class MyBijectorContractTest extends BijectorContract {
 *     protected Bijector create(long[] eventShape, long seed) { return new MyBijector(eventShape[0], seed); }
 * }
 * }</pre>
 *
 * <p>Parameters are perturbed away from their initial values ({@link #randomizeParameters}) so zero-initialised
 * layers are not checked only at the identity. A failure prints the shrunk {@link BijectorCase}; recreate it with
 * {@link #instantiate} and {@link #input} to debug. Each property runs 30 cases; a subclass whose bijector is
 * expensive may lower that with its own {@code @PropertyDefaults(tries = …)}.
 */
@PropertyDefaults(tries = 30)
public abstract class BijectorContract {

    /** A fresh bijector for one event shape; {@code seed} drives any random choice it makes. Called in float64. */
    protected abstract Bijector create(long[] eventShape, long seed);

    /** Event shapes to try; default: vectors of 2 to 6 elements. */
    protected Arbitrary<long[]> eventShapes() {
        return Arbitraries.integers().between(2, 6).map(d -> new long[] {d});
    }

    protected Arbitrary<Integer> batchSizes() {
        return Arbitraries.integers().between(1, 4);
    }

    /** Standard deviation of the noise added to every parameter before checking. */
    protected double parameterScale() {
        return 0.5;
    }

    /** A data-space input for the case; default standard normal. Override for bijectors with a restricted domain. */
    public INDArray input(BijectorCase c) {
        return BijectorChecks.gaussian(new SplittableRandom(c.seed()), c.shape());
    }

    /** A latent-space point for the inverse round trip; default standard normal of the forward output's shape. */
    public INDArray latent(BijectorCase c) {
        return BijectorChecks.gaussian(new SplittableRandom(~c.seed()), instantiate(c).forward(input(c)).shape());
    }

    /** Hook run once on a new bijector with a first batch, e.g. a data-dependent initialisation. */
    protected void prepare(Bijector bijector, INDArray firstBatch) {
    }

    /**
     * Builds the bijector for a case in float64, prepared and with randomised parameters. It is created with ND4J's
     * default types set to float64 (restored afterwards, so the kit leaves no global change behind) and its
     * parameters are converted to float64.
     */
    public final Bijector instantiate(BijectorCase c) {
        DataType dataType = Nd4j.dataType();
        DataType floatType = Nd4j.defaultFloatingPointType();
        Bijector b;
        try {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            b = create(c.eventShape(), c.seed());
        } finally {
            Nd4j.setDefaultDataTypes(dataType, floatType);
        }
        ParameterVector.of(b.parameters(), DataType.DOUBLE);
        prepare(b, input(c));
        randomizeParameters(b, c.seed(), parameterScale());
        return b;
    }

    /** Adds N(0, scale²) noise, drawn from {@code seed}, to every parameter of the bijector. */
    public static void randomizeParameters(Bijector b, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        for (Parameter p : b.parameters()) {
            p.value().addi(BijectorChecks.gaussian(random, p.shape()).muli(scale).castTo(p.value().dataType()));
        }
    }

    @Provide
    Arbitrary<BijectorCase> cases() {
        return Combinators.combine(batchSizes(), eventShapes(), Arbitraries.longs().between(0, 10_000))
                .as(BijectorCase::new);
    }

    @Property
    void inverseUndoesForward(@ForAll("cases") BijectorCase c) {
        BijectorChecks.roundTrip(instantiate(c), input(c));
    }

    @Property
    void forwardUndoesInverse(@ForAll("cases") BijectorCase c) {
        BijectorChecks.inverseRoundTrip(instantiate(c), latent(c));
    }

    @Property
    void outputsAreFinite(@ForAll("cases") BijectorCase c) {
        BijectorChecks.finiteOutputs(instantiate(c), input(c), latent(c));
    }

    @Property
    void logDetHasOneValuePerSampleAndFusedPassAgrees(@ForAll("cases") BijectorCase c) {
        BijectorChecks.logDetShapeAndFusion(instantiate(c), input(c));
    }

    @Property
    void logDetMatchesNumericalJacobian(@ForAll("cases") BijectorCase c) {
        BijectorChecks.logDetMatchesNumericalJacobian(instantiate(c), input(c));
    }

    @Property
    void inverseLogDetIsNegatedForwardLogDet(@ForAll("cases") BijectorCase c) {
        BijectorChecks.inverseLogDetIsNegated(instantiate(c), input(c));
    }

    @Property
    void backwardMatchesFiniteDifferences(@ForAll("cases") BijectorCase c) {
        BijectorChecks.backwardMatchesFiniteDifferences(instantiate(c), input(c), c.seed());
    }
}
