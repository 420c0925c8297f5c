package org.flows4j.training;

/**
 * A fitted tabular model's evaluation on a held-out test split: mean NLL ± its standard error (nats), the true NLL
 * where known (NaN otherwise), the gap, and the largest round-trip error {@code max |x − f⁻¹(f(x))|} in float32.
 */
public record TabularResult(String set, TabularModel model, TrainingReport training, double testNll, double testNllStderr,
                            double trueNll, double roundTripError) {

    /** {@code testNll − trueNll} in nats: how far the model is from the true density (NaN when that is unknown). */
    public double gap() {
        return testNll - trueNll;
    }
}
