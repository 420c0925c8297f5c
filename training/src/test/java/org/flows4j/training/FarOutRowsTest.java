package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Mask;
import org.flows4j.core.Flow;
import org.flows4j.data.GaussianMixture;
import org.flows4j.data.Table;
import org.flows4j.models.RealNvp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows far outside the training range: for every built-in tabular model, one column of a valid row pushed to 10,
 * 10², 10³ and 10⁶ training standard deviations beyond its range (both signs) — and on to 10²⁰, 10¹⁰⁰ and 10³⁰⁰,
 * where float32 overflows — gets a log-density that is finite or −∞, never NaN, and is flagged out of range in that
 * column by the training range's excess.
 */
class FarOutRowsTest {
    private static final int D = 4;
    private static final Table TRAIN = GaussianMixture.random(D, 3, 2.0, 7).sample(3000, 1);
    private static final Table VALID = GaussianMixture.random(D, 3, 2.0, 7).sample(500, 2);
    private static final Map<String, DensityModel> MODELS = new ConcurrentHashMap<>();

    /** Every tabular architecture the tool offers, each briefly trained so no network weight is still zero. */
    private static final Map<String, TabularModel> SPECS = Map.of(
            "realnvp", new TabularModel(TabularModel.Kind.REALNVP, 4, List.of(32, 32), 1),
            "realnvp-actnorm", new TabularModel(TabularModel.Kind.REALNVP, 4, List.of(32, 32), Mask.Kind.HALF,
                    RealNvp.Mixing.SHUFFLE, CouplingScale.expTanh(3), true, 2),
            "realnvp-sigmoid", new TabularModel(TabularModel.Kind.REALNVP, 4, List.of(32, 32), Mask.Kind.ALTERNATING,
                    RealNvp.Mixing.REVERSE, CouplingScale.sigmoid(), false, 3),
            "nice", new TabularModel(TabularModel.Kind.NICE, 4, List.of(32, 32), 4));

    private static DensityModel model(String name) {
        return MODELS.computeIfAbsent(name, n -> {
            TabularModel spec = SPECS.get(n);
            Flow flow = spec.build(TRAIN.values());
            new Trainer(TrainingConfig.builder().epochs(2).batchSize(256).learningRate(3e-3).build())
                    .fit(flow, TRAIN.values(flow.dataType()), VALID.values(flow.dataType()));
            return DensityModel.of(spec, TRAIN, flow);
        });
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of(SPECS.keySet());
    }

    @Provide
    Arbitrary<Double> distances() {
        return Arbitraries.of(10.0, 1e2, 1e3, 1e6, 1e20, 1e100, 1e300);
    }

    @Property(tries = 100)
    void farOutRowsGetAFiniteOrMinusInfiniteLogDensityNeverNaN(@ForAll("models") String name,
            @ForAll @IntRange(min = 0, max = D - 1) int column, @ForAll("distances") double distance,
            @ForAll boolean above, @ForAll @IntRange(min = 0, max = 499) int row) {
        DensityModel model = model(name);
        TrainingRange range = model.range();
        INDArray x = VALID.values().getRow(row, true).dup();
        double sd = range.scale()[column];
        x.putScalar(0, column, above ? range.max()[column] + distance * sd : range.min()[column] - distance * sd);
        Table one = new Table(TRAIN.columns(), x);
        double logp = model.logProb(one).getDouble(0);
        assertFalse(Double.isNaN(logp), name + ": NaN log-density at " + distance + " SDs in column " + column);
        assertTrue(Double.isFinite(logp) || logp == Double.NEGATIVE_INFINITY,
                name + ": expected a finite log-density or -Infinity, got " + logp);
        TrainingRange.Excess e = model.excess(one, TrainingRange.DEFAULT_MARGIN);
        assertTrue(e.outside(0), name + ": the row must be flagged out of range");
        assertEquals(column, e.column()[0], name + ": the flagged column");
        assertEquals(distance, e.sd()[0], distance * 1e-9, name + ": the excess in training SDs");
    }

    @Property(tries = 8)
    void rowsThatOverflowFloat32AreEvaluatedAgainInFloat64(@ForAll("models") String name,
            @ForAll @IntRange(min = 0, max = D - 1) int column) {
        DensityModel model = model(name);
        INDArray x = VALID.values().getRow(3, true).dup();
        x.putScalar(0, column, model.range().max()[column] + 1e100 * model.range().scale()[column]);
        double float32 = model.flow().logProb(x.castTo(DataType.FLOAT)).getDouble(0);
        double logp = model.logProb(new Table(TRAIN.columns(), x)).getDouble(0);
        assertFalse(Double.isFinite(float32), name + ": a row 1e100 SDs out overflows float32, got " + float32);
        assertTrue(Double.isFinite(logp) && logp < -1e100, name + ": float64 gives the model's finite value, got "
                + logp);
        x.putScalar(0, column, model.range().max()[column] + 1e300 * model.range().scale()[column]);
        double beyond = model.logProb(new Table(TRAIN.columns(), x)).getDouble(0);
        assertTrue(beyond == Double.NEGATIVE_INFINITY || Double.isFinite(beyond), name + ": got " + beyond);
    }
}
