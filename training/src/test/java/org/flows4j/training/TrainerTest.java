package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        return TrainingConfig.builder().epochs(4).batchSize(128).learningRate(2e-3).seed(3).progressBar(false);
    }

    private static TabularExperiment.Outcome fit(TabularModel.Kind kind, TrainingConfig cfg) {
        return TabularExperiment.run("8gaussians", new TabularModel(kind, 4, List.of(32, 32), 5), cfg, TRAIN, VALID,
                VALID, DENSITY.meanNll(VALID));
    }

    @Test
    void bothFlowsLearnTheDensity() {
        for (TabularModel.Kind kind : TabularModel.Kind.values()) {
            TrainingReport r = fit(kind, config().epochs(6).build()).result().training();
            double first = r.epochs().get(0).trainNll();
            double last = r.epochs().get(r.epochs().size() - 1).validNll();
            // The standardized data start near a 2-D normal's NLL (≈ 2.84 + log σ terms); learning must cut it.
            assertTrue(last < first - 0.2, kind + ": validation NLL " + last + " vs first-epoch training " + first);
            assertTrue(Double.isFinite(last));
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
        assertArrayEquals(a.flow().sample(5, 1.0, 9).toDoubleVector(), b.flow().sample(5, 1.0, 9).toDoubleVector());
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
}
