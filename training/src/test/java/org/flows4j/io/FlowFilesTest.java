package org.flows4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.DiagonalScaling;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.image.ChannelSplit;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Backward;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;
import org.flows4j.core.Flow;
import org.flows4j.core.Parameter;
import org.flows4j.core.Parts;
import org.flows4j.core.Transformed;
import org.flows4j.core.dist.DiagonalGaussian;
import org.flows4j.core.dist.StandardNormal;
import org.flows4j.data.DataFormatException;
import org.flows4j.data.GaussianMixture;
import org.flows4j.models.Glow;
import org.flows4j.models.Nice;
import org.flows4j.models.NiceImage;
import org.flows4j.models.RealNvp;
import org.flows4j.models.RealNvpImage;
import org.flows4j.training.TabularModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Any flow saves and reloads as the same function, bit for bit: the README's hand-composed chain, every built-in
 * architecture (trained-looking parameters, ActNorms initialised from data) and a user's registered bijector; bad
 * files and unsaveable parts are refused in one line.
 */
class FlowFilesTest {
    @TempDir
    Path dir;

    /** A bijector of the user's own: {@code y = x + c} with a fixed offset c (configuration, not a parameter). */
    static final class Offset implements Bijector {
        final double c;

        Offset(double c) {
            this.c = c;
        }

        @Override
        public Transformed forwardWithLogDet(INDArray x) {
            return new Transformed(x.add(c), Nd4j.zeros(x.dataType(), x.size(0)));
        }

        @Override
        public INDArray inverse(INDArray y) {
            return y.sub(c);
        }

        @Override
        public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
            return new Backward(y.sub(c), gradOutput.dup());
        }
    }

    static {
        FlowFiles.register(new PartKind<>("test.Offset", Offset.class, (b, out) -> out.put("c", b.c),
                in -> new Offset(in.getDouble("c"))));
    }

    private static Chain readmeChain() {
        int d = 4;
        return Chain.of(
                new Coupling(Mask.halfSplit(d, false), new Mlp(2, new int[] {16, 16}, 4, 1),
                        AffineMap.scaleThenShift(CouplingScale.expTanh(3))),
                Permutation.shuffle(d, 7),
                new Coupling(Mask.halfSplit(d, true), new Mlp(2, new int[] {16, 16}, 4, 2),
                        AffineMap.scaleThenShift(CouplingScale.expTanh(3))),
                new DiagonalScaling(d));
    }

    static Stream<Arguments> flows() {
        INDArray rows = GaussianMixture.random(4, 3, 2.0, 1).sample(64, 1).values(DataType.FLOAT);
        return Stream.of(
                flow("README chain", () -> new Flow(readmeChain(), new StandardNormal(4)), 4),
                flow("user bijector inside a chain, learned base", () -> new Flow(Chain.of(new Offset(0.25),
                        readmeChain()), new DiagonalGaussian(4)), 4),
                flow("RealNVP with ActNorm, shuffle, sigmoid scale", () -> RealNvp.builder(4).couplings(3)
                        .hidden(8).mixing(RealNvp.Mixing.SHUFFLE).scale(CouplingScale.sigmoid()).actNorm(true)
                        .seed(3).build().flow(), 4),
                flow("RealNVP, alternating mask, reverse", () -> RealNvp.builder(5).couplings(2).hidden(8, 8)
                        .mask(Mask.Kind.ALTERNATING).mixing(RealNvp.Mixing.REVERSE).build().flow(), 5),
                flow("NICE, logistic prior", () -> Nice.builder(4).couplings(4).hidden(8).prior(Nice.Prior.LOGISTIC)
                        .build().flow(), 4),
                flow("tabular model with standardization", () -> new TabularModel(TabularModel.Kind.REALNVP, 2,
                        List.of(8), 4).build(rows), 4),
                flow("Glow, affine, LU 1x1, learned top", () -> Glow.builder(1, 8, 8).levels(2).steps(2).hidden(8)
                        .coupling(Glow.Coupling.AFFINE).permutation(Glow.Permutation.CONV1X1_LU).learnTop(true)
                        .actNormFactor(3).scaleFloor(0.2).seed(5).build().flow(), -1),
                flow("Glow, additive, plain 1x1", () -> Glow.builder(1, 8, 8).levels(2).steps(1).hidden(8)
                        .coupling(Glow.Coupling.ADDITIVE).permutation(Glow.Permutation.CONV1X1).seed(6).build()
                        .flow(), -1),
                flow("Glow, shuffle and reverse", () -> Glow.builder(1, 8, 8).levels(1).steps(2).hidden(8)
                        .permutation(Glow.Permutation.SHUFFLE).learnTop(false).build().flow(), -1),
                flow("RealNVP on images", () -> RealNvpImage.builder(1, 8, 8).scales(2).hidden(8).blocks(1).build()
                        .flow(), -1),
                flow("NICE on images", () -> NiceImage.builder(1, 8, 8).couplings(2).hidden(8).build().flow(), -1));
    }

    private static Arguments flow(String name, Supplier<Flow> build, int features) {
        return Arguments.of(name, build, features);
    }

    /** A batch of the flow's input shape: rows of a mixture, or 8×8 images in (−½, ½). */
    static INDArray batch(Flow flow, long seed) {
        long[] event = flow.inputEventShape();
        long[] shape = new long[event.length + 1];
        shape[0] = 16;
        System.arraycopy(event, 0, shape, 1, event.length);
        long size = java.util.Arrays.stream(shape).reduce(1, (p, q) -> p * q);
        double spread = event.length == 1 ? 4 : 1;
        double[] values = new SplittableRandom(seed).doubles(size).map(u -> spread * (u - 0.5)).toArray();
        return Nd4j.create(values, shape, DataType.FLOAT);
    }

    /** Initialises data-dependent layers with one batch, then moves every parameter off its initial value. */
    private static Flow trainedLooking(Flow flow) {
        flow.logProb(batch(flow, 1));
        SplittableRandom random = new SplittableRandom(11);
        for (Parameter p : flow.parameters()) {
            double[] noise = random.doubles(p.length()).map(u -> 0.05 * (u - 0.5)).toArray();
            p.value().addi(Nd4j.create(noise, p.shape(), p.value().dataType()));
        }
        return flow;
    }

    private static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertEquals(expected.dataType(), actual.dataType(), what);
        assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble(), what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void everyFlowReloadsBitIdentically(String name, Supplier<Flow> build, int features) throws IOException {
        Flow flow = trainedLooking(build.get());
        Path file = dir.resolve("f.flow");
        FlowFiles.save(flow, file);
        Flow loaded = FlowFiles.load(file);
        List<Parameter> a = flow.parameters();
        List<Parameter> b = loaded.parameters();
        assertEquals(a.size(), b.size(), name + ": parameter count");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name(), name);
            assertBitIdentical(a.get(i).value(), b.get(i).value(), name + ": " + a.get(i).name());
        }
        INDArray x = batch(flow, 2);
        assertBitIdentical(flow.logProb(x), loaded.logProb(x), name + ": log-density");
        assertBitIdentical(flow.sample(8, 0.7, 3), loaded.sample(8, 0.7, 3), name + ": samples");
        Path again = dir.resolve("again.flow");
        FlowFiles.save(loaded, again);
        assertEquals(modelJson(file), modelJson(again), name + ": the reloaded flow describes itself the same");
        if (features > 0) {
            assertArrayEquals(new long[] {features}, loaded.inputEventShape(), name);
        }
    }

    @Test
    void float64FlowsStayFloat64() throws IOException {
        Flow flow = trainedLooking(new Flow(readmeChain(), new StandardNormal(4)).convertTo(DataType.DOUBLE)
                .convertTo(DataType.FLOAT)).convertTo(DataType.DOUBLE);
        Path file = dir.resolve("d.flow");
        FlowFiles.save(flow, file);
        Flow loaded = FlowFiles.load(file);
        assertEquals(DataType.DOUBLE, loaded.dataType());
        INDArray x = batch(flow, 4).castTo(DataType.DOUBLE);
        assertBitIdentical(flow.logProb(x), loaded.logProb(x), "float64 log-density");
    }

    @Test
    void aPartWithoutAKindIsRefusedWhenSaving() {
        Bijector anonymous = new Bijector() {
            @Override
            public Transformed forwardWithLogDet(INDArray x) {
                return new Transformed(x, Nd4j.zeros(x.dataType(), x.size(0)));
            }

            @Override
            public INDArray inverse(INDArray y) {
                return y;
            }

            @Override
            public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
                return new Backward(y, gradOutput);
            }
        };
        Path file = dir.resolve("never.flow");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowFiles.save(
                new Flow(Chain.of(readmeChain(), anonymous), new StandardNormal(4)), file));
        assertTrue(e.getMessage().contains("bijector.parts[1]") && e.getMessage().contains("FlowFiles.register"),
                e.getMessage());
        assertFalse(Files.exists(file), "nothing written");
    }

    @Test
    void aKindCannotBeRegisteredTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowFiles.register(
                new PartKind<>("Chain", Offset.class, (b, out) -> { }, in -> new Offset(0))));
        assertTrue(e.getMessage().contains("already registered"), e.getMessage());
    }

    @Test
    void unknownKindsNewerVersionsAndBrokenConfigurationsAreRefusedInOneLine() throws IOException {
        Path good = dir.resolve("good.flow");
        FlowFiles.save(new Flow(readmeChain(), new StandardNormal(4)), good);
        assertRefused(rewrite(good, "unknown.flow", j -> j.replace("\"Coupling\"", "\"SplineCoupling\"")),
                "unknown part kind 'SplineCoupling'", "bijector.parts[0]");
        assertRefused(rewrite(good, "newer.flow", j -> j.replace("\"version\" : " + FlowFiles.VERSION,
                "\"version\" : " + (FlowFiles.VERSION + 1))), "version " + (FlowFiles.VERSION + 1) + " is newer");
        assertRefused(rewrite(good, "missing.flow", j -> j.replace("\"widths\"", "\"sizes\"")),
                "bijector.parts[0].conditioner (Mlp): missing 'widths'");
        assertRefused(rewrite(good, "wrong.flow", j -> j.replace("\"mask\" : \"HALF\"", "\"mask\" : \"DIAGONAL\"")),
                "bijector.parts[0].partition (Mask)", "DIAGONAL");
        assertRefused(rewrite(good, "misfit.flow", j -> j.replace("\"eventShape\" : [ 4 ]", "\"eventShape\" : [ 5 ]")),
                "misfit.flow", "[N, 5]");
        assertRefused(rewrite(good, "other.flow", j -> j.replace("\"flows4j-flow\"", "\"flows4j-tabular-model\"")),
                "not a flows4j flow model");
        Path sigmoid = dir.resolve("sigmoid.flow");
        FlowFiles.save(RealNvp.builder(4).couplings(2).hidden(8).scale(CouplingScale.sigmoid(0.25)).build().flow(),
                sigmoid);
        assertEquals(CouplingScale.sigmoid(0.25), ((AffineMap) ((Coupling) ((Chain) FlowFiles.load(sigmoid).bijector())
                .parts().get(0)).map()).scale(), "the scale floor is saved");
        assertRefused(rewrite(sigmoid, "nofloor.flow", j -> j.replaceAll("\"scaleFloor\" : [0-9.]+,?", "")),
                "needs its 'scaleFloor'");
        assertRefused(rewrite(good, "order.flow", j -> j.replace("\"SCALE_THEN_SHIFT\"", "\"SIDEWAYS\"")),
                "SIDEWAYS");
    }

    @Test
    void aValueOfTheCurrentFormatIsRequiredAndOnlyAnOlderFileGetsItsDefault() throws IOException {
        Path glow = dir.resolve("glow.flow");
        FlowFiles.save(Glow.builder(1, 8, 8).levels(2).steps(2).hidden(8).coupling(Glow.Coupling.AFFINE).build()
                .flow(), glow);
        assertRefused(rewrite(glow, "shape.flow", j -> j.replaceFirst("\"inputShape\"\\s*:\\s*\\[\\s*(\\d+)\\s*,",
                "\"inputShape\" : [")), "(FactorOut): expected 'inputShape' to be 3 integers");
        assertRefused(rewrite(glow, "noflip.flow", j -> j.replace("\"flipped\"", "\"turned\"")),
                "(ChannelSplit): missing 'flipped'");
        assertRefused(rewrite(glow, "norelu.flow", j -> j.replace("\"relu\"", "\"activation\"")),
                "(ActNormLayer): missing 'relu'");
        Path older = rewrite(glow, "v2.flow", j -> j.replace("\"version\" : " + FlowFiles.VERSION, "\"version\" : 2")
                .replace("\"flipped\"", "\"turned\""));
        List<Coupling> couplings = Parts.ofType(FlowFiles.load(older).bijector(), Coupling.class);
        assertEquals(4, couplings.size(), "one coupling per step");
        assertTrue(couplings.stream().noneMatch(c -> ((ChannelSplit) c.partition()).flipped()),
                "a format-2 split, which had no flag, keeps the first half");
    }

    private static void assertRefused(Path file, String... fragments) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> FlowFiles.load(file));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static String modelJson(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("model.json"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A copy of {@code file} with its model.json edited. */
    private Path rewrite(Path file, String name, UnaryOperator<String> edit) throws IOException {
        return ModelJsonEdits.rewritten(file, dir.resolve(name), edit);
    }
}
