package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flows4j.bijectors.AffineCoupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.DiagonalScaling;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;
import org.flows4j.core.dist.StandardNormal;
import org.flows4j.data.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The README's Java example, verbatim apart from the data, runs and learns. */
class ReadmeExampleTest {

    @Test
    void readmeExampleComposesAndFits() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        GaussianMixture density = GaussianMixture.random(4, 3, 2.0, 5);
        INDArray train = density.sample(4000, 1).values(DataType.FLOAT);
        INDArray valid = density.sample(1000, 2).values(DataType.FLOAT);
        INDArray test = density.sample(1000, 3).values(DataType.FLOAT);

        int d = 4;
        Mask half = Mask.halfSplit(d, false), other = Mask.halfSplit(d, true);
        Chain f = Chain.of(
                new AffineCoupling(half, new Mlp(2, new int[] {64, 64}, 4, 1), CouplingScale.expTanh(3)),
                Permutation.shuffle(d, 7),
                new AffineCoupling(other, new Mlp(2, new int[] {64, 64}, 4, 2), CouplingScale.expTanh(3)),
                new DiagonalScaling(d));
        Flow flow = new Flow(f, new StandardNormal(d));

        double before = flow.meanNegativeLogLikelihood(valid, 1000);
        TrainingReport report = new Trainer(TrainingConfig.builder().epochs(5).batchSize(256).learningRate(1e-3)
                .progressBar(false).build()).fit(flow, train, valid);
        INDArray logp = flow.logProb(test);
        INDArray samples = flow.sample(1000, 0.8, 42);

        assertTrue(report.bestValidNll() < before - 0.5, "fit must improve NLL: " + before + " -> " + report.bestValidNll());
        assertArrayEquals(new long[] {1000}, logp.shape());
        assertArrayEquals(new long[] {1000, 4}, samples.shape());
    }
}
