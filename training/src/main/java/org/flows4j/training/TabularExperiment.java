package org.flows4j.training;

import org.flows4j.core.Flow;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Fits a {@link TabularModel} on train/valid rows and evaluates it on test rows. */
public final class TabularExperiment {
    private TabularExperiment() {
    }

    /** The fitted flow together with its evaluation. */
    public record Outcome(Flow flow, TabularResult result) {
    }

    /**
     * Builds {@code model} on the training rows, fits it by {@link Trainer} with {@code config} (progress to
     * {@code listener}) and evaluates the test NLL and the round-trip error on {@code test}. The rows are converted
     * to the built flow's data type first (the model builders' type, FLOAT by default).
     */
    public static Outcome run(String set, TabularModel model, TrainingConfig config, INDArray train, INDArray valid,
                              INDArray test, double trueNll, TrainingListener listener) {
        Flow flow = model.build(train);
        DataType type = flow.dataType();
        TrainingReport report = new Trainer(config).fit(flow, train.castTo(type), valid.castTo(type), listener);
        INDArray x = test.castTo(type);
        INDArray logProb = flow.logProbInBatches(x, 8192).castTo(DataType.DOUBLE);
        double nll = -logProb.meanNumber().doubleValue();
        double stderr = logProb.stdNumber().doubleValue() / Math.sqrt(logProb.length());
        double roundTrip = Transforms.abs(flow.decode(flow.encode(x)).subi(x), false).maxNumber().doubleValue();
        return new Outcome(flow, new TabularResult(set, model, report, nll, stderr, trueNll, roundTrip));
    }
}
