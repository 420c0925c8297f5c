package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.DiagonalScaling;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;
import org.flows4j.core.dist.DiagonalGaussian;
import org.flows4j.core.dist.StandardNormal;
import org.flows4j.models.Glow;
import org.flows4j.models.Nice;
import org.flows4j.models.RealNvp;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Wrong shapes and types at every public entry point: each call fails with an {@link IllegalArgumentException} whose
 * message names the expected and the actual shape or type (the listed fragments), never a silent result, an index
 * error from raw memory or a native op failure.
 */
class BoundaryContractTest {
    private static final int D = 4;

    /** The README's hand-composed chain on 4 features, float32. */
    private static Chain readmeChain() {
        Mask half = Mask.halfSplit(D, false);
        Mask other = Mask.halfSplit(D, true);
        return Chain.of(
                new Coupling(half, new Mlp(2, new int[] {8}, 4, 1), AffineMap.scaleThenShift(CouplingScale.expTanh(3))),
                Permutation.shuffle(D, 7),
                new Coupling(other, new Mlp(2, new int[] {8}, 4, 2), AffineMap.scaleThenShift(CouplingScale.expTanh(3))),
                new DiagonalScaling(D));
    }

    private static final Chain CHAIN = readmeChain();
    private static final Flow FLOW = new Flow(CHAIN, new StandardNormal(D));
    private static final Flow GLOW = Glow.builder(1, 8, 8).levels(2).steps(1).hidden(4).build().flow();

    private static INDArray floats(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    private static INDArray doubles(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape);
    }

    static Stream<Arguments> cases() {
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(1).batchSize(8).build());
        return Stream.of(
                // Flow: shapes
                of("logProb, one column too many", () -> FLOW.logProb(floats(3, 5)), "[N, 4]", "[3, 5]"),
                of("logProb, one column too few", () -> FLOW.logProb(floats(3, 3)), "[N, 4]", "[3, 3]"),
                of("logProb, no batch dimension", () -> FLOW.logProb(floats(4)), "[N, …]", "[4]"),
                of("logProb, rank 3", () -> FLOW.logProb(floats(3, 4, 1)), "[N, 4]", "[3, 4, 1]"),
                of("encode, wrong width", () -> FLOW.encode(floats(2, 6)), "[N, 4]", "[2, 6]"),
                of("decode, wrong width", () -> FLOW.decode(floats(2, 6)), "[N, 4]", "[2, 6]"),
                of("nll backward, wrong width", () -> FLOW.negativeLogLikelihoodBackward(floats(8, 5)), "[N, 4]",
                        "[8, 5]"),
                of("logProbInBatches, wrong width", () -> FLOW.logProbInBatches(floats(8, 5), 4), "[N, 4]", "[8, 5]"),
                of("logProbInBatches, batch 0", () -> FLOW.logProbInBatches(floats(8, 4), 0), "batchSize >= 1", "0"),
                of("mean NLL, wrong width", () -> FLOW.meanNegativeLogLikelihood(floats(8, 5), 4), "[N, 4]", "[8, 5]"),
                of("sample, n = 0", () -> FLOW.sample(0, 1.0, 1), "n >= 1", "0"),
                of("sample, negative temperature", () -> FLOW.sample(5, -1.0, 1), "temperature >= 0", "-1.0"),
                of("sample, NaN temperature", () -> FLOW.sample(5, Double.NaN, 1), "temperature >= 0", "NaN"),
                // Flow: types
                of("logProb, float64 into float32", () -> FLOW.logProb(doubles(3, 4)), "FLOAT", "DOUBLE"),
                of("logProb, integers", () -> FLOW.logProb(Nd4j.zeros(DataType.INT32, 3, 4)), "floating-point", "INT"),
                of("encode, float64", () -> FLOW.encode(doubles(3, 4)), "FLOAT", "DOUBLE"),
                of("decode, float64", () -> FLOW.decode(doubles(3, 4)), "FLOAT", "DOUBLE"),
                of("nll backward, float64", () -> FLOW.negativeLogLikelihoodBackward(doubles(8, 4)), "FLOAT",
                        "DOUBLE"),
                of("convertTo an integer type", () -> new Flow(readmeChain(), new StandardNormal(D))
                        .convertTo(DataType.INT32), "floating-point", "INT"),
                // Flow: composition
                of("flow, bijector and base disagree", () -> new Flow(readmeChain(), new StandardNormal(5)),
                        "[N, 4]", "[N, 5]"),
                of("flow, no base", () -> new Flow(readmeChain(), null), "base distribution", "no base"),
                // Chain
                of("chain forward, wrong width", () -> CHAIN.forward(floats(3, 5)), "[N, 4]", "[3, 5]"),
                of("chain forwardWithLogDet, float64", () -> CHAIN.forwardWithLogDet(doubles(3, 4)), "FLOAT",
                        "DOUBLE"),
                of("chain inverse, wrong width", () -> CHAIN.inverse(floats(3, 2)), "[N, 4]", "[3, 2]"),
                of("chain logAbsDetJacobian, wrong width", () -> CHAIN.logAbsDetJacobian(floats(3, 5)), "[N, 4]",
                        "[3, 5]"),
                of("chain backward, gradient of another shape", () -> CHAIN.backward(floats(3, 4), floats(3, 5),
                        floats(3)), "[3, 4]", "[3, 5]"),
                of("chain backward, log-det gradient of another length", () -> CHAIN.backward(floats(3, 4),
                        floats(3, 4), floats(2)), "[3]", "[2]"),
                of("chain backward, float64 gradient", () -> CHAIN.backward(floats(3, 4), doubles(3, 4), floats(3)),
                        "FLOAT", "DOUBLE"),
                // Couplings and their conditioners, at construction
                of("coupling, conditioner input too wide", () -> new Coupling(Mask.halfSplit(D, false),
                        new Mlp(3, new int[] {8}, 4, 1), AffineMap.scaleThenShift(CouplingScale.expTanh(3))), "2 features to 4", "from 3 to 4"),
                of("coupling, conditioner output too narrow", () -> new Coupling(Mask.halfSplit(D, false),
                        new Mlp(2, new int[] {8}, 3, 1), AffineMap.scaleThenShift(CouplingScale.expTanh(3))), "2 features to 4", "from 2 to 3"),
                // Base distributions
                of("standard normal, wrong width", () -> new StandardNormal(D).logProb(floats(3, 5)), "[N, 4]",
                        "[3, 5]"),
                of("standard normal backward, wrong width", () -> new StandardNormal(D).backward(floats(3, 5),
                        floats(3)), "[N, 4]", "[3, 5]"),
                of("standard normal, empty event shape", StandardNormal::new, "event shape", "[]"),
                of("standard normal, negative sample count", () -> new StandardNormal(D).sample(-1, 1.0,
                        new java.util.SplittableRandom(1)), "n >= 0", "-1"),
                of("diagonal gaussian, float64 into float32", () -> new DiagonalGaussian(D).logProb(doubles(3, 4)),
                        "FLOAT", "DOUBLE"),
                // Training
                of("fit, training rows of another width", () -> trainer.fit(new Flow(readmeChain(),
                        new StandardNormal(D)), floats(16, 5), floats(8, 4)), "[N, 4]", "[16, 5]"),
                of("fit, float64 validation rows", () -> trainer.fit(new Flow(readmeChain(), new StandardNormal(D)),
                        floats(16, 4), doubles(8, 4)), "FLOAT", "DOUBLE"),
                of("training config, epochs 0", () -> TrainingConfig.builder().epochs(0).build(), "epochs", "0"),
                of("training config, batch 0", () -> TrainingConfig.builder().batchSize(0).build(), "batchSize", "0"),
                of("training config, learning rate -1", () -> TrainingConfig.builder().learningRate(-1).build(),
                        "learningRate", "-1.0"),
                // Builders
                of("RealNVP, one feature", () -> RealNvp.builder(1).build(), "dim >= 2", "1"),
                of("RealNVP, no couplings", () -> RealNvp.builder(4).couplings(0).build(), "couplings >= 1", "0"),
                of("RealNVP, hidden width 0", () -> RealNvp.builder(4).hidden(8, 0).build(), "hidden widths",
                        "[8, 0]"),
                of("NICE, no hidden layer", () -> Nice.builder(4).hidden(List.of()).build(), "hidden widths", "[]"),
                of("Glow, no levels", () -> Glow.builder(1, 8, 8).levels(0).build(), "levels", "0"),
                of("Glow, odd height", () -> Glow.builder(1, 9, 8).levels(1).build(), "divisible by 2", "9x8"),
                // Image flows
                of("glow logProb, wrong image size", () -> GLOW.logProb(floats(2, 1, 8, 6)), "[N, 1, 8, 8]",
                        "[2, 1, 8, 6]"),
                of("glow logProb, flat rows", () -> GLOW.logProb(floats(2, 64)), "[N, 1, 8, 8]", "[2, 64]"),
                of("glow decode, wrong latent size", () -> GLOW.decode(floats(2, 63)), "[N, 64]", "[2, 63]"),
                of("glow logProb, float64", () -> GLOW.logProb(doubles(2, 1, 8, 8)), "FLOAT", "DOUBLE"));
    }

    private static Arguments of(String name, Executable call, String expected, String actual) {
        return Arguments.of(name, call, expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithAMessageNamingExpectedAndActual(String name, Executable call, String expected, String actual) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, name);
        String message = e.getMessage();
        assertTrue(message.contains(expected) && message.contains(actual),
                name + ": expected the message to name '" + expected + "' and '" + actual + "', got: " + message);
        assertTrue(!message.contains("\n"), name + ": expected a one-line message, got: " + message);
    }
}
