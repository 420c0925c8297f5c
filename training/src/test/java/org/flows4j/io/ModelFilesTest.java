package org.flows4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Mask;
import org.flows4j.core.Flow;
import org.flows4j.data.DataFormatException;
import org.flows4j.data.GaussianMixture;
import org.flows4j.data.Table;
import org.flows4j.models.RealNvp;
import org.flows4j.training.DensityModel;
import org.flows4j.training.TabularModel;
import org.flows4j.training.Trainer;
import org.flows4j.training.TrainingConfig;
import org.flows4j.training.TrainingRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A saved model reloads as the same function, bit for bit; bad files are refused with one clear line. */
class ModelFilesTest {
    @TempDir
    Path dir;

    private static DensityModel fitted(TabularModel spec) {
        INDArray train = GaussianMixture.random(5, 3, 2.0, 3).sample(2000, 1).values(DataType.FLOAT);
        Flow flow = spec.build(train);
        new Trainer(TrainingConfig.builder().epochs(1).batchSize(200).build()).fit(flow, train,
                train.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 300)));
        INDArray logp = flow.logProbInBatches(train, 1000);
        return new DensityModel(spec, List.of("a", "b", "c", "d", "e"), flow, DensityModel.quantiles(logp));
    }

    @Test
    void reloadedModelIsBitIdentical() throws IOException {
        for (TabularModel spec : List.of(
                new TabularModel(TabularModel.Kind.REALNVP, 3, List.of(16, 16), Mask.Kind.ALTERNATING,
                        RealNvp.Mixing.SHUFFLE, CouplingScale.sigmoid(), true, 7),
                new TabularModel(TabularModel.Kind.REALNVP, 2, List.of(16), Mask.Kind.HALF,
                        RealNvp.Mixing.REVERSE, CouplingScale.sigmoid(0.2), false, 8),
                new TabularModel(TabularModel.Kind.NICE, 2, List.of(16), 9))) {
            DensityModel model = fitted(spec);
            Path file = dir.resolve(spec.kind() + ".flow");
            ModelFiles.save(model, file);
            DensityModel back = ModelFiles.load(file);
            assertEquals(model.spec(), back.spec());
            assertEquals(model.columns(), back.columns());
            assertArrayEquals(model.trainingLogProbQuantiles(), back.trainingLogProbQuantiles());
            INDArray x = GaussianMixture.random(5, 3, 2.0, 3).sample(500, 9).values(DataType.FLOAT);
            assertArrayEquals(model.flow().logProb(x).toFloatVector(), back.flow().logProb(x).toFloatVector(),
                    "log-densities must be bit-identical");
            assertArrayEquals(model.flow().sample(50, 0.7, 3).reshape(250).toFloatVector(),
                    back.flow().sample(50, 0.7, 3).reshape(250).toFloatVector(), "samples must be bit-identical");
            // An initialised ActNorm must stay as loaded: a forward pass on new data must not re-initialise it.
            INDArray before = back.flow().logProb(x);
            back.flow().logProb(x.mul(3));
            assertArrayEquals(before.toFloatVector(), back.flow().logProb(x).toFloatVector());
        }
    }

    @Test
    void thePositionalWidthIsSavedAndAnOlderFileLoadsWithout() throws IOException {
        DensityModel named = fitted(new TabularModel(TabularModel.Kind.NICE, 2, List.of(8), 4));
        DensityModel positional = new DensityModel(named.spec(), List.of("x0", "x1", "x2", "x3", "x4"), named.flow(),
                named.trainingLogProbQuantiles(), null, 7);
        Path file = dir.resolve("positional.flow");
        ModelFiles.save(positional, file);
        assertEquals(7, ModelFiles.load(file).positionalWidth());
        Path older = ModelJsonEdits.rewritten(file, dir.resolve("v2.flow"), json -> json
                .replaceFirst("\"version\"\\s*:\\s*" + ModelFiles.VERSION, "\"version\" : 2")
                .replaceFirst(",\\s*\"positionalWidth\"\\s*:\\s*7", ""));
        assertEquals(0, ModelFiles.load(older).positionalWidth(), "format 2 had no positional width");
        Path missing = ModelJsonEdits.rewritten(file, dir.resolve("missing.flow"),
                json -> json.replace("\"positionalWidth\"", "\"width\""));
        assertTrue(refusal(missing).contains("missing 'positionalWidth'"), refusal(missing));
    }

    @Test
    void aNiceModelWithRealNvpSettingsIsRefusedButAnOlderFileThatRecordedThemLoads() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TabularModel(
                TabularModel.Kind.NICE, 2, List.of(8), Mask.Kind.ALTERNATING, RealNvp.Mixing.FLIP,
                TabularModel.DEFAULT_SCALE, false, 1));
        assertTrue(e.getMessage().startsWith("TabularModel: mixing, scale and actNorm apply to REALNVP only"),
                e.getMessage());
        DensityModel nice = fitted(new TabularModel(TabularModel.Kind.NICE, 2, List.of(8), 3));
        Path file = dir.resolve("nice.flow");
        ModelFiles.save(nice, file);
        // format 2 wrote whatever RealNVP-only settings a NICE had been given; they never changed its function
        Path older = ModelJsonEdits.rewritten(file, dir.resolve("nice-v2.flow"), json -> json
                .replaceFirst("\"version\"\\s*:\\s*" + ModelFiles.VERSION, "\"version\" : 2")
                .replace("\"SHUFFLE\"", "\"FLIP\"").replaceFirst("\"actNorm\"\\s*:\\s*false", "\"actNorm\" : true")
                .replaceFirst(",\\s*\"positionalWidth\"\\s*:\\s*0", ""));
        DensityModel back = ModelFiles.load(older);
        assertEquals(nice.spec(), back.spec(), "read as the NICE it was");
        INDArray x = GaussianMixture.random(5, 3, 2.0, 3).sample(100, 4).values(DataType.FLOAT);
        assertArrayEquals(nice.flow().logProb(x).toFloatVector(), back.flow().logProb(x).toFloatVector());
        Path current = ModelJsonEdits.rewritten(file, dir.resolve("nice-flip.flow"),
                json -> json.replace("\"SHUFFLE\"", "\"FLIP\""));
        assertTrue(refusal(current).contains("apply to REALNVP only"), refusal(current));
    }

    @Test
    void theTrainingRangeIsSavedAndAFileWithoutOneLoadsWithout() throws IOException {
        TabularModel spec = new TabularModel(TabularModel.Kind.REALNVP, 2, List.of(8), 3);
        DensityModel old = fitted(spec);
        Table train = new Table(old.columns(), GaussianMixture.random(5, 3, 2.0, 3).sample(2000, 1).values());
        DensityModel model = DensityModel.of(spec, train, old.flow());
        Path file = dir.resolve("range.flow");
        ModelFiles.save(model, file);
        TrainingRange back = ModelFiles.load(file).range();
        assertArrayEquals(model.range().min(), back.min());
        assertArrayEquals(model.range().max(), back.max());
        assertArrayEquals(train.values().max(0).toDoubleVector(), back.max());
        assertArrayEquals(model.standardization().scale(), back.scale());
        Path earlier = dir.resolve("earlier.flow");
        ModelFiles.save(old, earlier);
        assertEquals(null, ModelFiles.load(earlier).range(), "a file without a range loads without one");
    }

    private String refusal(Path file) {
        return assertThrows(DataFormatException.class, () -> ModelFiles.load(file)).getMessage();
    }

    @Test
    void badFilesAreRefusedClearly() throws IOException {
        DensityModel model = fitted(new TabularModel(TabularModel.Kind.REALNVP, 2, List.of(8), 1));
        Path good = dir.resolve("good.flow");
        ModelFiles.save(model, good);
        byte[] bytes = Files.readAllBytes(good);

        Path empty = Files.write(dir.resolve("empty.flow"), new byte[0]);
        assertTrue(refusal(empty).contains("empty.flow: empty file"), refusal(empty));
        Path truncated = Files.write(dir.resolve("cut.flow"), Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(refusal(truncated).contains("cut.flow: corrupt or truncated"), refusal(truncated));
        Path csv = Files.writeString(dir.resolve("table.flow"), "a,b\n1,2\n");
        assertTrue(refusal(csv).contains("table.flow: corrupt or truncated"), refusal(csv));
        assertTrue(refusal(dir.resolve("absent.flow")).contains("absent.flow: no such model file"));

        Path newer = dir.resolve("newer.flow");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(newer))) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(("{\"format\":\"" + ModelFiles.FORMAT + "\",\"version\":99}").getBytes());
            zip.closeEntry();
        }
        assertTrue(refusal(newer).contains("version 99 is newer"), refusal(newer));

        DensityModel withNorms = fitted(new TabularModel(TabularModel.Kind.REALNVP, 3, List.of(8),
                Mask.Kind.ALTERNATING, RealNvp.Mixing.SHUFFLE, CouplingScale.sigmoid(), true, 2));
        Path normed = dir.resolve("normed.flow");
        ModelFiles.save(withNorms, normed);
        Path extra = ModelJsonEdits.rewritten(normed, dir.resolve("extra.flow"),
                json -> json.replaceFirst("\"actNormInitialized\"\\s*:\\s*\\[", "\"actNormInitialized\" : [ true, "));
        assertTrue(refusal(extra).contains("extra.flow: expected actNormInitialized to hold 3 flags, one per "
                + "data-initialized layer of the architecture, got 4 flags"), refusal(extra));
        Path none = ModelJsonEdits.rewritten(normed, dir.resolve("none.flow"),
                json -> json.replaceFirst("\"actNormInitialized\"\\s*:\\s*\\[[^\\]]*\\]\\s*,", ""));
        assertTrue(refusal(none).contains("none.flow: expected actNormInitialized to hold 3 flags"), refusal(none));
        for (String m : List.of(refusal(empty), refusal(truncated), refusal(newer), refusal(extra))) {
            assertFalse(m.contains("\n"), "one line: " + m);
        }
    }

    @Test
    void everyValueTheFileRecordsIsRequiredWithItsType() throws IOException {
        DensityModel model = fitted(new TabularModel(TabularModel.Kind.REALNVP, 3, List.of(8),
                Mask.Kind.ALTERNATING, RealNvp.Mixing.SHUFFLE, CouplingScale.sigmoid(), true, 2));
        Path good = dir.resolve("typed.flow");
        ModelFiles.save(model, good);
        // a missing seed used to read as 0: other permutations, weights of the same shapes, a wrong model loaded
        assertRefusedAs(good, json -> json.replace("\"seed\"", "\"sead\""), "architecture (REALNVP): missing 'seed'");
        assertRefusedAs(good, json -> json.replaceFirst("\"hidden\"\\s*:\\s*\\[\\s*8", "\"hidden\" : [ 8.5"),
                "expected 'hidden[0]' to be an integer, got 8.5");
        assertRefusedAs(good, json -> json.replace("\"SHUFFLE\"", "\"STIR\""),
                "expected 'mixing' to be one of [FLIP, REVERSE, SHUFFLE], got \"STIR\"");
        assertRefusedAs(good, json -> json.replaceFirst("\"actNormInitialized\"\\s*:\\s*\\[\\s*true",
                "\"actNormInitialized\" : [ 1"), "expected actNormInitialized[0] to be true or false, got 1");
        assertRefusedAs(good, json -> json.replace("\"columns\"", "\"names\""), "model.json: missing 'columns'");
        assertRefusedAs(good, json -> json.replaceFirst("\"trainingLogProbQuantiles\"\\s*:\\s*\\[\\s*[^,]+,",
                "\"trainingLogProbQuantiles\" : ["), "expected 1001 training quantiles, got 1000");
        assertRefusedAs(good, json -> json.replace("\"dataType\" : \"FLOAT\"", "\"dataType\" : \"INT32\""),
                "expected dataType FLOAT or DOUBLE, got \"INT32\"");
        // a float32 entry used to be cast silently to the type the file names
        assertRefusedAs(good, json -> json.replace("\"dataType\" : \"FLOAT\"", "\"dataType\" : \"DOUBLE\""),
                "are FLOAT, the model file says DOUBLE");
    }

    private void assertRefusedAs(Path good, java.util.function.UnaryOperator<String> edit, String expected)
            throws IOException {
        Path bad = ModelJsonEdits.rewritten(good, dir.resolve("edited.flow"), edit);
        String message = refusal(bad);
        assertTrue(message.startsWith(bad + ": ") && message.contains(expected), message);
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    @Test
    void failedWritesLeaveNothingBehind() throws IOException {
        DensityModel model = fitted(new TabularModel(TabularModel.Kind.NICE, 2, List.of(8), 1));
        IOException e = assertThrows(IOException.class,
                () -> ModelFiles.save(model, dir.resolve("no-such-folder").resolve("m.flow")));
        assertTrue(e.getMessage().contains("cannot write there"), e.getMessage());
        Path target = dir.resolve("half.csv");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full");
        }));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "neither the target nor a temporary file may remain");
        }
    }
}
