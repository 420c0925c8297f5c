package org.flows4j.training;

import org.flows4j.core.Flow;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Fits a {@link TabularModel} on train/valid rows and evaluates it on test rows. */
public final class TabularExperiment {
    private TabularExperiment() {
    }

    /** The fitted flow together with its evaluation. */
    public record Outcome(Flow flow, TabularResult result) {
    }

    public static Outcome run(String set, TabularModel model, TrainingConfig config, INDArray train, INDArray valid,
                              INDArray test, double trueNll) {
        org.nd4j.linalg.factory.Nd4j.setDefaultDataTypes(config.dataType(), config.dataType());
        Flow flow = model.build(train);
        TrainingReport report = new Trainer(config).fit(flow, train, valid);
        INDArray x = test.castTo(config.dataType());
        INDArray logProb = flow.logProbInBatches(x, 8192).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double nll = -logProb.meanNumber().doubleValue();
        double stderr = logProb.stdNumber().doubleValue() / Math.sqrt(logProb.length());
        double roundTrip = Transforms.abs(flow.decode(flow.encode(x)).subi(x), false).maxNumber().doubleValue();
        return new Outcome(flow, new TabularResult(set, model, report, nll, stderr, trueNll, roundTrip));
    }
}
