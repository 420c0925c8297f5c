package org.flows4j.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.Permutation;
import org.flows4j.core.Flow;
import org.flows4j.core.ParameterVector;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Maximum-likelihood training of a {@link Flow}: minimises the mean NLL {@code −(1/B) Σ log p(x_b)} of shuffled
 * mini-batches with ND4J's Adam over one flat parameter vector (learning rate following a
 * {@link LearningRateSchedule}), clipping the gradient's L2 norm, and evaluates the
 * validation NLL after every epoch, keeping the parameters of the best epoch (restored at the end).
 *
 * <p>Deterministic given the seed: the batch order comes from {@code seed}, and the flow's own initial weights from
 * its builder's seed.
 */
public final class Trainer {
    private static final int EVAL_BATCH = 8192;
    private final TrainingConfig config;

    /** A trainer using the epochs, batch size, learning rate, schedule, clip, patience and seed of {@code config}. */
    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    /** The settings this trainer was built with. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Fits {@code flow} to the rows of {@code train}, selecting by {@code valid}: both batches of the flow's input
     * shape and data type (otherwise an {@link IllegalArgumentException} says what was expected).
     */
    public TrainingReport fit(Flow flow, INDArray train, INDArray valid) {
        return fit(flow, train, valid, TrainingListener.NONE);
    }

    /**
     * Fits {@code flow} to the rows of {@code train}, selecting by {@code valid} (both {@code [N, D]}), reporting every
     * step and epoch to {@code listener}.
     */
    public TrainingReport fit(Flow flow, INDArray train, INDArray valid, TrainingListener listener) {
        flow.checkData("Trainer.fit train", train);
        flow.checkData("Trainer.fit valid", valid);
        if (train.size(0) < 1 || valid.size(0) < 1) {
            throw new IllegalArgumentException("Trainer.fit: expected at least one training and one validation row, got "
                    + train.size(0) + " and " + valid.size(0));
        }
        INDArray x = train;
        INDArray v = valid;
        int n = (int) x.size(0);
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        Adam adam = new Adam(new LearningRateSchedule(config.schedule(), config.learningRate(), config.warmupSteps(),
                batches * config.epochs()));
        OptimizerStep optimizer = new OptimizerStep(flow, adam, null, config.clipNorm(), config.memoryRegime());
        ParameterVector params = optimizer.parameters();
        SplittableRandom random = new SplittableRandom(config.seed());
        List<EpochReport> reports = new ArrayList<>();
        // Data-dependent initialisation (ActNorm) sees a training batch first, never the validation rows.
        int[] firstBatch = java.util.Arrays.copyOf(Permutation.randomOrder(n, new SplittableRandom(~config.seed())),
                Math.min(n, config.batchSize()));
        flow.bijector().forward(Nd4j.pullRows(x, 1, firstBatch));
        INDArray best = params.snapshot();
        double bestValid = flow.meanNegativeLogLikelihood(v, EVAL_BATCH);
        int bestEpoch = 0;
        int iteration = 0;
        boolean nonFinite = false;
        boolean early = false;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= config.epochs() && !nonFinite && !early; epoch++) {
            long epochStart = System.nanoTime();
            int[] order = Permutation.randomOrder(n, random);
            double lossSum = 0;
            int seen = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * config.batchSize();
                int to = Math.min(n, from + config.batchSize());
                INDArray batch = Nd4j.pullRows(x, 1, java.util.Arrays.copyOfRange(order, from, to));
                OptimizerStep.Result step = optimizer.step(batch, iteration++, epoch);
                if (!step.finite()) {
                    nonFinite = true;
                    break;
                }
                double loss = step.loss();
                lossSum += loss * (to - from);
                seen += to - from;
                listener.onBatch(new TrainingListener.BatchProgress(epoch, config.epochs(), b + 1, batches, loss,
                        lossSum / seen, seen / ((System.nanoTime() - epochStart) / 1e9)));
            }
            if (nonFinite) {
                break;
            }
            double validNll = flow.meanNegativeLogLikelihood(v, EVAL_BATCH);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            EpochReport epochReport = new EpochReport(epoch, lossSum / seen, validNll, seconds, seen / seconds);
            reports.add(epochReport);
            listener.onEpoch(epochReport);
            if (validNll < bestValid || bestEpoch == 0) {
                bestValid = validNll;
                bestEpoch = epoch;
                best = params.snapshot();
            } else if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                early = true;
            }
        }
        params.restore(best);
        return new TrainingReport(List.copyOf(reports), bestEpoch, bestValid, early, nonFinite,
                (System.nanoTime() - start) / 1e9);
    }
}
