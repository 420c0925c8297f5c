package org.flows4j.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flows4j.core.DataInitialization;
import org.flows4j.core.Parameter;
import org.flows4j.io.ImageModelFiles;
import org.flows4j.io.ModelJsonEdits;
import org.flows4j.models.Glow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Image training end to end on small Fashion-MNIST crops: learning, exact resume, model files, NaN guard. */
class ImageTrainerTest {
    private static final ImageSet TRAIN = FashionMnist.load(true).head(512).resizeCanvas(8, 8);
    private static final ImageSet TEST = FashionMnist.load(false).head(128).resizeCanvas(8, 8);

    private static ImageModel smallGlow() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        return ImageModel.create(Glow.builder(1, 8, 8).levels(2).steps(2).hidden(16).seed(3).build(), 8);
    }

    private static ImageTrainingConfig config(int steps) {
        return ImageTrainingConfig.builder().steps(steps).batchSize(32).learningRate(2e-3).warmupSteps(5)
                .testEvery(10).testImages(128).checkpointEvery(10).seed(9).build();
    }

    private static List<INDArray> values(ImageModel m) {
        List<INDArray> out = new ArrayList<>();
        for (Parameter p : m.flow().parameters()) {
            out.add(p.value().dup());
        }
        return out;
    }

    @Test
    void learnsAndResumesExactly(@TempDir Path dir) throws Exception {
        ImageModel straight = smallGlow();
        List<CurvePoint> points = new ArrayList<>();
        ImageTrainer.Result r = new ImageTrainer(config(20)).train(straight, TRAIN, TEST,
                ImageModelFiles.checkpointTo(dir.resolve("a.flow")), points::add);
        assertEquals(ImageTrainer.Outcome.FINISHED, r.outcome());
        assertEquals(2, points.size());
        double initial = ImageTrainer.testBitsPerDim(smallGlow(), TEST);
        assertTrue(points.get(1).testBitsPerDim() < initial - 0.3,
                "20 steps should cut test bits/dim by 0.3 from the initial " + initial + ": " + points);
        assertTrue(points.get(1).testBitsPerDim() < points.get(0).testBitsPerDim(), "still improving: " + points);

        ImageModel interrupted = smallGlow();
        Path checkpoint = dir.resolve("b.flow");
        new ImageTrainer(config(10)).train(interrupted, TRAIN, TEST, ImageModelFiles.checkpointTo(checkpoint), p -> { });
        ImageModel resumed = ImageModelFiles.load(checkpoint);
        assertEquals(10, resumed.step());
        assertTrue(DataInitialization.complete(resumed.flow().bijector()));
        new ImageTrainer(config(20)).train(resumed, TRAIN, TEST, ImageModelFiles.checkpointTo(checkpoint), p -> { });
        List<INDArray> a = values(straight);
        List<INDArray> b = values(resumed);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "parameter " + i + " after an interrupted and resumed run");
        }
        INDArray x = new Dequantization(8).batch(TEST, new int[] {0, 1, 2}, null, DataType.FLOAT);
        assertEquals(straight.flow().logProb(x), ImageModelFiles.load(checkpoint).flow().logProb(x),
                "a reloaded model gives bit-identical log-densities");
    }

    @Test
    void beta2ReachesTheUpdate() throws Exception {
        List<List<INDArray>> after = new ArrayList<>();
        for (double beta2 : new double[] {0.999, 0.999, 0.9}) {
            ImageModel m = smallGlow();
            ImageTrainingConfig c = ImageTrainingConfig.builder().steps(3).batchSize(32).learningRate(2e-3)
                    .warmupSteps(0).beta2(beta2).testEvery(0).checkpointEvery(0).seed(9).build();
            ImageTrainer.Result r = new ImageTrainer(c).train(m, TRAIN, TEST, Checkpoint.NONE, p -> { });
            assertEquals(ImageTrainer.Outcome.FINISHED, r.outcome());
            after.add(values(m));
        }
        assertEquals(after.get(0), after.get(1), "the same β₂ gives the same parameters");
        assertFalse(after.get(0).equals(after.get(2)), "a different β₂ changes the updates after the first step");
    }

    @Test
    void curveReportsTheGradientNormBeforeClippingAndTheClippedShare() throws Exception {
        double[] share = new double[3];
        double[] norm = new double[3];
        double[] clips = {0, 1e-9, 1e12};
        for (int i = 0; i < clips.length; i++) {
            ImageModel m = smallGlow();
            ImageTrainingConfig c = ImageTrainingConfig.builder().steps(4).batchSize(32).warmupSteps(0)
                    .clipNorm(clips[i]).testEvery(4).testImages(32).checkpointEvery(0).seed(9)
                    .build();
            new ImageTrainer(c).train(m, TRAIN, TEST, Checkpoint.NONE, p -> { });
            share[i] = m.curve().get(0).clippedShare();
            norm[i] = m.curve().get(0).gradientNorm();
        }
        assertEquals(0.0, share[0], 0, "clip 0 is off");
        assertEquals(1.0, share[1], 0, "a tiny clip clips every step");
        assertEquals(0.0, share[2], 0, "a huge clip clips none");
        assertTrue(norm[1] > 0 && Double.isFinite(norm[1]), "the norm is measured before clipping: " + norm[1]);
        assertEquals(norm[0], norm[2], 1e-9 * norm[0], "clipping that never acts leaves the run unchanged");
    }

    @Test
    void nonFiniteLossStopsWithoutTouchingTheCheckpoint(@TempDir Path dir) throws Exception {
        ImageModel model = smallGlow();
        Path checkpoint = dir.resolve("c.flow");
        new ImageTrainer(config(10)).train(model, TRAIN, TEST, ImageModelFiles.checkpointTo(checkpoint), p -> { });
        byte[] before = Files.readAllBytes(checkpoint);
        model.flow().parameters().get(0).value().putScalar(0, Double.NaN);
        ImageTrainer.Result r = new ImageTrainer(config(20)).train(model, TRAIN, TEST, ImageModelFiles.checkpointTo(checkpoint), p -> { });
        assertEquals(ImageTrainer.Outcome.NON_FINITE, r.outcome());
        assertEquals(11, r.step());
        assertTrue(r.message().contains("last good checkpoint at step 10"), r.message());
        assertFalse(java.util.Arrays.equals(new byte[0], before));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(checkpoint)), "checkpoint left as it was");
    }

    @Test
    void samplesAtTemperatureZeroAreTheModesDecoded() {
        ImageModel model = smallGlow();
        model.flow().bijector().forward(new Dequantization(8).batch(TRAIN, new int[] {0, 1, 2, 3}, new SplittableRandom(1),
                DataType.FLOAT));
        INDArray zeroT = model.flow().sample(2, 0.0, 5);
        assertEquals(zeroT.get(NDArrayIndex.point(0)), zeroT.get(NDArrayIndex.point(1)),
                "T = 0 draws the base mean for every sample");
        INDArray back = model.flow().decode(model.flow().encode(zeroT));
        assertTrue(back.sub(zeroT).amaxNumber().doubleValue() < 1e-4);
    }

    @Test
    void eachDataInitializedLayerKeepsItsOwnFlagThroughAFile(@TempDir Path dir) throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ImageModel model = ImageModel.create(Glow.builder(1, 8, 8).levels(2).steps(2).hidden(8).build(), 8);
        var layers = DataInitialization.layersIn(model.flow().bijector());
        assertTrue(layers.size() >= 3, "a Glow of this size has several ActNorms, got " + layers.size());
        layers.get(1).markInitialized();
        Path file = dir.resolve("partly.flow");
        ImageModelFiles.save(model, file);
        List<Boolean> back = DataInitialization.layersIn(ImageModelFiles.load(file).flow().bijector()).stream()
                .map(l -> l.initialized()).toList();
        assertEquals(layers.stream().map(l -> l.initialized()).toList(), back, "the same layers initialised");
        Path extra = dir.resolve("extra.flow");
        ModelJsonEdits.rewritten(file, extra,
                json -> json.replaceFirst("\"initialized\"\\s*:\\s*\\[", "\"initialized\" : [ false, "));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.flows4j.data.DataFormatException.class,
                () -> ImageModelFiles.load(extra));
        assertEquals(extra + ": expected initialized to hold " + layers.size() + " flags, one per data-initialized "
                + "layer of the architecture, got " + (layers.size() + 1) + " flags", e.getMessage());
        // format 2 recorded one flag for the whole model
        Path older = dir.resolve("older.flow");
        ModelJsonEdits.rewritten(file, older, json -> json.replaceFirst("\"version\"\\s*:\\s*"
                + ImageModelFiles.VERSION, "\"version\" : 2")
                .replaceFirst("\"initialized\"\\s*:\\s*\\[[^\\]]*\\]", "\"initialized\" : true"));
        assertTrue(DataInitialization.complete(ImageModelFiles.load(older).flow().bijector()),
                "a format-2 file's one flag marks every layer");
    }

    @Test
    void aFieldMissingFromAFileOfTheCurrentFormatIsRefusedByName(@TempDir Path dir) throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ImageModel plain = ImageModel.create(Glow.builder(1, 8, 8).levels(2).steps(2).hidden(16).actNormFactor(1)
                .seed(3).build(), 8);
        Path current = dir.resolve("current.flow");
        ImageModelFiles.save(plain, current);
        for (String field : List.of("actNormFactor", "scaleFloor")) {
            Path without = dir.resolve("no-" + field + ".flow");
            // a missing 1.0 or 0.0 used to be read as Jackson's default 0.0: a zero scale floor went unnoticed
            ModelJsonEdits.rewritten(current, without, json -> {
                String stripped = json.replaceFirst("\\s*\"" + field + "\"\\s*:\\s*[0-9.eE+-]+\\s*,", "");
                assertTrue(!stripped.equals(json), "the file names its " + field);
                return stripped;
            });
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.flows4j.data.DataFormatException.class,
                    () -> ImageModelFiles.load(without));
            assertEquals(without + ": the glow architecture: missing field '" + field + "'", e.getMessage());
        }
    }

    @Test
    void aValueOfAnotherTypeOrAbsentIsRefusedNeverDefaulted(@TempDir Path dir) throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ImageModel model = ImageModel.create(Glow.builder(1, 8, 8).levels(2).steps(1).hidden(8).seed(3).build(), 8);
        model.curve().add(new CurvePoint(1, 6.5, 6.4, 2.0, 30.0, 12.0, 0.0));
        Path good = dir.resolve("good.flow");
        ImageModelFiles.save(model, good);
        Map<String, java.util.function.UnaryOperator<String>> edits = new LinkedHashMap<>();
        // each of these used to load: 8 bits, step 0, levels 2, floor 0, a curve point with a zero norm
        edits.put("model.json: missing 'nBits'", j -> j.replace("\"nBits\"", "\"bits\""));
        edits.put("model.json: missing 'step'", j -> j.replace("\"step\" : 0,", "\"steps\" : 0,"));
        edits.put("the glow architecture: field 'levels': Cannot coerce Floating-point value (2.5) to `int` value",
                j -> j.replaceFirst("\"levels\"\\s*:\\s*2", "\"levels\" : 2.5"));
        edits.put("the glow architecture: field 'scaleFloor': ", j -> j.replaceFirst("\"scaleFloor\"\\s*:\\s*[0-9.eE+-]+",
                "\"scaleFloor\" : null"));
        edits.put("curve[0]: missing field 'gradientNorm'", j -> j.replace("\"gradientNorm\"", "\"norm\""));
        for (var edit : edits.entrySet()) {
            Path bad = ModelJsonEdits.rewritten(good, dir.resolve("bad.flow"), edit.getValue());
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.flows4j.data.DataFormatException.class,
                    () -> ImageModelFiles.load(bad));
            assertTrue(e.getMessage().startsWith(bad + ": " + edit.getKey()) && !e.getMessage().contains("\n")
                    && !e.getMessage().contains("Feature") && !e.getMessage().contains("coercion"),
                    "expected '" + edit.getKey() + "' and no advice on settings, got: " + e.getMessage());
        }
    }

    @Test
    void aModelPastItsFirstStepWithoutOptimizerStateIsNotResumed(@TempDir Path dir) throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ImageModel model = ImageModel.create(Glow.builder(1, 8, 8).levels(2).steps(1).hidden(8).seed(3).build(), 8);
        model.advance(5, 1.0, null);
        ImageTrainingConfig config = ImageTrainingConfig.builder().steps(6).batchSize(2).testEvery(0).build();
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ImageTrainer(config).train(model, TRAIN, TEST, Checkpoint.NONE, p -> { }));
        assertTrue(e.getMessage().contains("at step 5 but holds no optimizer state"), e.getMessage());
        ImageModel fresh = ImageModel.create(Glow.builder(1, 8, 8).levels(2).steps(1).hidden(8).seed(3).build(), 8);
        ImageTrainingConfig large = ImageTrainingConfig.builder().steps(1).batchSize(TRAIN.count() + 1).testEvery(0)
                .build();
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ImageTrainer(large).train(fresh, TRAIN, TEST, Checkpoint.NONE, p -> { }));
        assertEquals("a batch of 513 images is larger than the 512 training images", e.getMessage(),
                "a batch is never cut down to the set");
    }

    @Test
    void olderFilesOfFamiliesWhoseCouplingsChangedAreRefusedNamingTheVersionWhileOthersLoad(@TempDir Path dir)
            throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        java.util.function.IntFunction<java.util.function.UnaryOperator<String>> toVersion = v -> json -> {
            String older = json.replaceFirst("\"version\"\\s*:\\s*" + ImageModelFiles.VERSION, "\"version\" : " + v);
            assertTrue(!older.equals(json), "the file records format version " + ImageModelFiles.VERSION);
            return older;
        };
        Path glow = dir.resolve("glow.flow");
        ImageModelFiles.save(ImageModel.create(Glow.builder(1, 8, 8).levels(2).steps(1).hidden(8).build(), 8), glow);
        ModelJsonEdits.rewritten(glow, dir.resolve("glow-v1.flow"), toVersion.apply(1));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.flows4j.data.DataFormatException.class,
                () -> ImageModelFiles.load(dir.resolve("glow-v1.flow")));
        assertTrue(e.getMessage().contains("format version 1 holds a Glow with channel-masked couplings")
                && !e.getMessage().contains("\n"), e.getMessage());
        ModelJsonEdits.rewritten(glow, dir.resolve("glow-v2.flow"), toVersion.apply(2));
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8);
        assertEquals(ImageModelFiles.load(glow).flow().logProb(y),
                ImageModelFiles.load(dir.resolve("glow-v2.flow")).flow().logProb(y),
                "a version-2 Glow loads as it was");
        Path nvp = dir.resolve("realnvp.flow");
        ImageModelFiles.save(ImageModel.create(org.flows4j.models.RealNvpImage.builder(1, 8, 8).hidden(8).build(), 8),
                nvp);
        for (int v : new int[] {1, 2}) {
            Path older = dir.resolve("realnvp-v" + v + ".flow");
            ModelJsonEdits.rewritten(nvp, older, toVersion.apply(v));
            e = org.junit.jupiter.api.Assertions.assertThrows(org.flows4j.data.DataFormatException.class,
                    () -> ImageModelFiles.load(older));
            assertTrue(e.getMessage().contains("format version " + v + " holds a RealNVP with channel-masked couplings")
                    && !e.getMessage().contains("\n"), e.getMessage());
        }
        Path nice = dir.resolve("nice.flow");
        ImageModel niceModel = ImageModel.create(org.flows4j.models.NiceImage.builder(1, 8, 8).hidden(8).build(), 8);
        ImageModelFiles.save(niceModel, nice);
        ModelJsonEdits.rewritten(nice, dir.resolve("nice-v1.flow"), toVersion.apply(1));
        INDArray x = niceModel.dequantization().batch(TEST, new int[] {0, 1}, new SplittableRandom(2), DataType.FLOAT);
        assertEquals(niceModel.flow().logProb(x), ImageModelFiles.load(dir.resolve("nice-v1.flow")).flow().logProb(x));
    }
}
