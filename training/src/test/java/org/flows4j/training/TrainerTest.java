package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flows4j.core.Flow;
import org.flows4j.data.GaussianMixture;
import org.flows4j.data.KnownDensity;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training learns, keeps the best epoch, stops early, and repeats itself exactly given the seed. */
class TrainerTest {
    private static final KnownDensity DENSITY = GaussianMixture.eightGaussians();
    private static final INDArray TRAIN = DENSITY.sample(3000, 1).values();
    private static final INDArray VALID = DENSITY.sample(1000, 2).values();

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().epochs(4).batchSize(128).learningRate(2e-3).seed(3);
    }

    private static TabularExperiment.Outcome fit(TabularModel.Kind kind, TrainingConfig cfg) {
        return TabularExperiment.run("8gaussians", new TabularModel(kind, 4, List.of(32, 32), 5), cfg, TRAIN, VALID,
                VALID, DENSITY.meanNll(VALID), TrainingListener.NONE);
    }

    @Test
    void bothFlowsLearnTheDensity() {
        INDArray valid = VALID.castTo(DataType.FLOAT);
        for (TabularModel.Kind kind : TabularModel.Kind.values()) {
            Flow flow = new TabularModel(kind, 4, List.of(32, 32), 5).build(TRAIN);
            double before = flow.meanNegativeLogLikelihood(valid, 8192);
            TrainingReport r = new Trainer(config().epochs(6).build()).fit(flow, TRAIN.castTo(DataType.FLOAT), valid);
            double after = flow.meanNegativeLogLikelihood(valid, 8192);
            // Fresh flows are the identity on standardized data, a Gaussian fit of the ring (NLL ≈ 3.9 nats);
            // six epochs must bring both a clear step towards the true 1.70.
            assertTrue(after < before - 0.1, kind + ": validation NLL " + before + " -> " + after);
            assertEquals(r.bestValidNll(), after, 1e-5);
        }
    }

    @Test
    void sameSeedSameNumbers() {
        TabularExperiment.Outcome a = fit(TabularModel.Kind.REALNVP, config().build());
        TabularExperiment.Outcome b = fit(TabularModel.Kind.REALNVP, config().build());
        for (int e = 0; e < a.result().training().epochs().size(); e++) {
            assertEquals(a.result().training().epochs().get(e).trainNll(), b.result().training().epochs().get(e).trainNll());
            assertEquals(a.result().training().epochs().get(e).validNll(), b.result().training().epochs().get(e).validNll());
        }
        assertArrayEquals(a.flow().sample(5, 1.0, 9).reshape(10).toDoubleVector(),
                b.flow().sample(5, 1.0, 9).reshape(10).toDoubleVector());
        TabularExperiment.Outcome c = fit(TabularModel.Kind.REALNVP, config().seed(4).build());
        assertTrue(c.result().training().epochs().get(0).trainNll() != a.result().training().epochs().get(0).trainNll(),
                "a different batch order must give different numbers");
    }

    @Test
    void keepsTheBestEpochsParameters() {
        TabularExperiment.Outcome o = fit(TabularModel.Kind.REALNVP, config().epochs(5).learningRate(2e-2).build());
        TrainingReport r = o.result().training();
        double best = r.epochs().stream().mapToDouble(EpochReport::validNll).min().orElseThrow();
        assertEquals(best, r.bestValidNll(), 0);
        assertEquals(best, r.epochs().get(r.bestEpoch() - 1).validNll(), 0);
        Flow flow = o.flow();
        assertEquals(best, flow.meanNegativeLogLikelihood(VALID.castTo(DataType.FLOAT), 8192), 1e-5,
                "the flow must hold the best epoch's parameters after training");
    }

    @Test
    void stopsEarlyWhenValidationStopsImproving() {
        // A learning rate this large overshoots, so validation NLL worsens within a few epochs.
        TrainingReport r = fit(TabularModel.Kind.REALNVP, config().epochs(30).learningRate(0.05).patience(2).build())
                .result().training();
        assertTrue(r.stoppedEarly() || r.stoppedOnNonFiniteLoss(), "expected an early stop, ran " + r.epochs().size());
        assertTrue(r.epochs().size() < 30);
        assertTrue(r.stoppedOnNonFiniteLoss() || r.epochs().size() - r.bestEpoch() == 2);
    }

    @Test
    void roundTripOfTheTrainedFlowIsTightInFloat32() {
        TabularResult r = fit(TabularModel.Kind.REALNVP, config().build()).result();
        assertTrue(r.roundTripError() < 1e-5, "max |x - f^-1(f(x))| = " + r.roundTripError());
    }

    @Test
    void nonFiniteLossStopsCleanlyAndKeepsTheLastGoodParameters() {
        INDArray poisoned = TRAIN.dup();
        poisoned.putScalar(1500, 0, Double.NaN);
        Flow flow = new TabularModel(TabularModel.Kind.REALNVP, 2, List.of(8), 1).build(TRAIN);
        double before = flow.meanNegativeLogLikelihood(VALID.castTo(DataType.FLOAT), 8192);
        TrainingReport r = new Trainer(config().epochs(3).build()).fit(flow, poisoned.castTo(DataType.FLOAT), VALID.castTo(DataType.FLOAT));
        assertTrue(r.stoppedOnNonFiniteLoss());
        double after = flow.meanNegativeLogLikelihood(VALID.castTo(DataType.FLOAT), 8192);
        assertTrue(Double.isFinite(after), "parameters must stay finite");
        assertTrue(r.epochs().isEmpty() ? after == before : after <= r.bestValidNll() + 1e-5);
    }

    @Test
    void scheduleWarmsUpLinearlyThenStaysOrDecays() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1e-3, 10, 110);
        assertEquals(1e-4, s.valueAt(0, 0), 1e-15);
        assertEquals(1e-3, s.valueAt(9, 0), 1e-15);
        assertEquals(1e-3, s.valueAt(10, 0), 1e-15);
        assertEquals(0.5e-3, s.valueAt(60, 0), 1e-15);
        assertEquals(0, s.valueAt(110, 0), 1e-15);
        LearningRateSchedule c = new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 1e-3, 0, 110);
        assertEquals(1e-3, c.valueAt(100, 3), 0);
        LearningRateSchedule w = new LearningRateSchedule(LearningRateSchedule.Kind.WSD, 1e-3, 10, 120);
        assertEquals(1e-4, w.valueAt(0, 0), 1e-15);
        assertEquals(1e-3, w.valueAt(89, 0), 0, "stable until the last quarter");
        assertEquals(1e-3, w.valueAt(90, 0), 1e-15);
        assertEquals(0.5e-3, w.valueAt(105, 0), 1e-15);
        assertEquals(0, w.valueAt(120, 0), 0);
        LearningRateSchedule half = new LearningRateSchedule(LearningRateSchedule.Kind.WSD, 1e-3, 10, 120, 0.5);
        assertEquals(1e-3, half.valueAt(59, 0), 0, "stable until the last half");
        assertEquals(0.5e-3, half.valueAt(90, 0), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(LearningRateSchedule.Kind.WSD, 1e-3, 10, 120, 0));
    }
}
