package org.flows4j.images;

import java.io.IOException;
import java.util.SplittableRandom;
import org.flows4j.bijectors.Permutation;
import org.flows4j.core.DataInitialization;
import org.flows4j.core.Flow;
import org.flows4j.training.LearningRateSchedule;
import org.flows4j.training.OptimizerStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Maximum-likelihood training of an {@link ImageModel} on dequantised pixels, for a fixed number of steps.
 *
 * <p>Step t trains on the t-th slice of a per-epoch shuffle and on noise drawn from the seed and t alone, so a run
 * resumed from a checkpoint continues exactly as if never stopped. Before the first step every ActNorm is
 * initialised from one training batch. Each step: mean NLL and its gradient by the invertible backward pass,
 * gradient L2 norm clipped, one Adam/Adamax update with a linear warm-up. A step whose loss or gradient is not
 * finite stops the run before touching the parameters, leaving the last checkpoint as the last good model.
 */
public final class ImageTrainer {
    private static final int EVAL_BATCH = 200;
    private final ImageTrainingConfig config;

    /** A trainer running the steps, batches, optimizer, schedule, tests and checkpoints that {@code config} sets. */
    public ImageTrainer(ImageTrainingConfig config) {
        this.config = config;
    }

    /** Why a run ended. */
    public enum Outcome { FINISHED, NON_FINITE }

    /** The end of a run: why, at which step, and the final curve point (test bits/dim over {@code testImages}). */
    public record Result(Outcome outcome, int step, String message) {
    }

    /**
     * Trains {@code model} from its current step to {@code config.steps()}, handing checkpoints to {@code checkpoint}
     * ({@link Checkpoint#NONE} for none; {@code ImageModelFiles.checkpointTo(path)} for a model file) and reporting
     * every step and curve point to {@code listener}. Throws an {@link IllegalArgumentException} for a batch larger
     * than {@code train} and for a model past step 0 without its optimizer state (resuming it would restart the
     * optimizer's moments).
     */
    public Result train(ImageModel model, ImageSet train, ImageSet test, Checkpoint checkpoint,
                        ImageTrainingListener listener) throws IOException {
        if (model.step() > 0 && model.optimizerState() == null) {
            throw new IllegalArgumentException("the model is at step " + model.step() + " but holds no optimizer state;"
                    + " resuming would restart the optimizer's moments on trained weights");
        }
        if (config.batchSize() > train.count()) {
            throw new IllegalArgumentException("a batch of " + config.batchSize() + " images is larger than the "
                    + train.count() + " training images");
        }
        Flow flow = model.flow();
        Dequantization deq = model.dequantization();
        DataType type = flow.dataType();
        OptimizerStep optimizer = new OptimizerStep(flow, updater(), model.optimizerState(), config.clipNorm(),
                config.memoryRegime());
        if (!DataInitialization.complete(flow.bijector())) {
            flow.bijector().forward(deq.batch(train, batchIndices(train.count(), 1), noise(0), type));
        }
        ImageSet testSubset = test.head(config.testImages());
        long dims = model.dims();
        double secondsBefore = model.seconds();
        long runStart = System.nanoTime();
        double lossSum = 0;
        double normSum = 0;
        int clipped = 0;
        int lossCount = 0;
        long intervalStart = System.nanoTime();
        int intervalImages = 0;
        int first = model.step() + 1;
        int lastCheckpoint = model.step();
        for (int step = first; step <= config.steps(); step++) {
            INDArray x = deq.batch(train, batchIndices(train.count(), step), noise(step), type);
            OptimizerStep.Result s = optimizer.step(x, step - 1, 0);
            if (!s.finite()) {
                return new Result(Outcome.NON_FINITE, step, String.format(
                        "step %d: non-finite %s; stopped without updating, %s", step,
                        Double.isFinite(s.loss()) ? "gradient" : "loss", lastCheckpoint > 0
                                ? "last good checkpoint at step " + lastCheckpoint : "no checkpoint written yet"));
            }
            double loss = s.loss();
            normSum += s.gradientNorm();
            clipped += s.clipped() ? 1 : 0;
            double bpd = deq.bitsPerDim(loss, dims);
            lossSum += bpd;
            lossCount++;
            intervalImages += (int) x.size(0);
            double seconds = secondsBefore + (System.nanoTime() - runStart) / 1e9;
            double imagesPerSecond = intervalImages / ((System.nanoTime() - intervalStart) / 1e9);
            listener.onStep(new ImageTrainingListener.StepProgress(step, config.steps(), bpd, imagesPerSecond));
            boolean last = step == config.steps();
            boolean testNow = config.testEvery() > 0 && (step % config.testEvery() == 0 || last);
            if (testNow) {
                double testBpd = testBitsPerDim(model, testSubset);
                CurvePoint p = new CurvePoint(step, lossSum / lossCount, testBpd, seconds, imagesPerSecond,
                        normSum / lossCount, (double) clipped / lossCount);
                model.curve().add(p);
                listener.onPoint(p);
                lossSum = 0;
                normSum = 0;
                clipped = 0;
                lossCount = 0;
                intervalImages = 0;
                intervalStart = System.nanoTime();
            }
            model.advance(step, seconds, optimizer.state());
            if (checkpoint != Checkpoint.NONE
                    && (last || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
                checkpoint.write(model);
                lastCheckpoint = step;
            }
        }
        return new Result(Outcome.FINISHED, model.step(), "finished at step " + model.step());
    }

    /**
     * Test bits/dim over all of {@code set}, in the model's data type, with the dequantisation noise fixed by a seed
     * (repeatable).
     */
    public static double testBitsPerDim(ImageModel model, ImageSet set) {
        DataType type = model.flow().dataType();
        Dequantization deq = model.dequantization();
        SplittableRandom random = new SplittableRandom(20181107L);
        double sum = 0;
        for (int from = 0; from < set.count(); from += EVAL_BATCH) {
            int to = Math.min(set.count(), from + EVAL_BATCH);
            int[] idx = java.util.stream.IntStream.range(from, to).toArray();
            INDArray logProb = model.flow().logProb(deq.batch(set, idx, random, type));
            sum += logProb.sumNumber().doubleValue();
        }
        return deq.bitsPerDim(-sum / set.count(), model.dims());
    }

    private IUpdater updater() {
        LearningRateSchedule schedule = new LearningRateSchedule(config.schedule(), config.learningRate(),
                config.warmupSteps(), config.steps(), config.decayFraction());
        return switch (config.optimizer()) {
            case ADAM -> {
                Adam adam = new Adam(schedule);
                adam.setBeta2(config.beta2());
                yield adam;
            }
            case ADAMAX -> {
                AdaMax adamax = new AdaMax(schedule);
                adamax.setBeta2(config.beta2());
                yield adamax;
            }
        };
    }

    /** The images of step {@code step} (1-based): a slice of the shuffle of epoch {@code (step − 1)·B / N}. */
    int[] batchIndices(int count, int step) {
        int b = config.batchSize();
        long start = (long) (step - 1) * b;
        int[] out = new int[b];
        int epoch = -1;
        int[] order = null;
        for (int i = 0; i < b; i++) {
            long k = start + i;
            int e = (int) (k / count);
            if (e != epoch) {
                epoch = e;
                order = Permutation.randomOrder(count, new SplittableRandom(config.seed() * 1_000_003L + e));
            }
            out[i] = order[(int) (k % count)];
        }
        return out;
    }

    private SplittableRandom noise(int step) {
        return new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step);
    }
}
