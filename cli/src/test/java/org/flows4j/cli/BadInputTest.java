package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every kind of bad input, through the command line: exit code 2, one line on standard error naming the file (and the
 * line or column where there is one), no stack trace, and no output file left behind.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void fitOneModel() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            csv.append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
        }
        Path train = Files.writeString(dir.resolve("train.csv"), csv);
        model = dir.resolve("m.flow");
        assertEquals(0, FlowsCli.commandLine().execute("fit", "--data", train.toString(), "--out", model.toString(),
                "--epochs", "1", "--layers", "2", "--hidden", "8", "--no-progress"));
    }

    private static Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Path bytes(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    static Stream<Arguments> cases() throws Exception {
        byte[] good = Files.readAllBytes(model);
        return Stream.of(
                Arguments.of("missing data file", "fit", dir.resolve("nope.csv"), "nope.csv: no such file"),
                Arguments.of("empty file", "fit", file("empty.csv", ""), "empty.csv: no data rows (empty file)"),
                Arguments.of("header only", "fit", file("header.csv", "a,b\n"), "header.csv: no data rows (header only)"),
                Arguments.of("ragged row", "fit", file("ragged.csv", "a,b\n1,2\n3,4,5\n"), "ragged.csv:3: expected 2 columns"),
                Arguments.of("non-numeric cell", "fit", file("text.csv", "a,b\n1,2\n3,oops\n"),
                        "text.csv:3: column 2 (b): not a number: 'oops'"),
                Arguments.of("NaN cell", "fit", file("nan.csv", "a,b\n1,NaN\n2,3\n"), "nan.csv:2: column 2 (b): non-finite"),
                Arguments.of("Inf cell", "fit", file("inf.csv", "a,b\n1,2\n-Infinity,3\n"), "inf.csv:3: column 1 (a): non-finite"),
                Arguments.of("constant column", "fit", file("const.csv", "a,b\n1,7\n2,7\n3,7\n4,7\n5,7\n6,7\n"),
                        "const.csv: column 2 (b) is constant"),
                Arguments.of("other column names", "score", file("names.csv", "a,c\n1,2\n"),
                        "names.csv: the model needs column 'b'"),
                Arguments.of("fewer columns, no header", "score", file("short.csv", "1\n2\n"),
                        "short.csv: the model needs column 'a'"),
                Arguments.of("zero-byte model", "model", bytes("zero.flow", new byte[0]), "zero.flow: empty file"),
                Arguments.of("truncated model", "model", bytes("cut.flow", Arrays.copyOf(good, good.length / 3)),
                        "cut.flow: corrupt or truncated"),
                Arguments.of("unwritable output", "out", dir.resolve("no-folder").resolve("o.csv"), "cannot write there"),
                // checked before the data is read or a step is trained: the data file is missing too
                Arguments.of("unwritable fit output", "fit-out", dir.resolve("no-folder").resolve("m.flow"),
                        "m.flow: cannot write there (folder missing or not writable)"),
                Arguments.of("unwritable train-images output", "train-images-out",
                        dir.resolve("no-folder").resolve("g.flow"),
                        "g.flow: cannot write there (folder missing or not writable)"),
                Arguments.of("infinite cell in scored data", "score", file("inf-score.csv", "a,b\n1,2\n3,Infinity\n"),
                        "inf-score.csv:3: column 2 (b): non-finite value Infinity"),
                Arguments.of("far-out overflow in scored data", "score", file("huge-score.csv", "a,b\n1,2\n1e400,3\n"),
                        "huge-score.csv:3: column 1 (a): non-finite value 1e400"),
                Arguments.of("duplicate column names", "fit", file("dup.csv", "a,a,b\n1,2,3\n4,5,6\n"),
                        "dup.csv:1: column 2: duplicate column name 'a' (column 1 has it too)"));
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("--epochs", "0", "--epochs must be >= 1, got 0"),
                Arguments.of("--batch", "0", "--batch must be >= 1, got 0"),
                Arguments.of("--lr", "-1", "--lr must be > 0, got -1.0"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badOptions")
    void badTrainingOptionsNameTheOptionAndTheValue(String option, String value, String expected) {
        Path out = dir.resolve("option" + option + ".flow");
        CommandLine cli = FlowsCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("fit", "--data", dir.resolve("train.csv").toString(), "--out", out.toString(), option,
                value, "--no-progress");
        String message = err.toString().strip();
        assertEquals(2, code, message);
        assertEquals("flows: error: " + expected, message);
        assertTrue(!Files.exists(out), "no model may be written");
    }

    static Stream<Arguments> optionsWithoutEffect() {
        // a missing data file: a refusal that names the option, not the file, came before the data were read
        String data = dir.resolve("absent.csv").toString();
        String none = dir.resolve("no-images").toString();
        return Stream.of(
                Arguments.of(List.of("fit", "--data", data, "--flow", "nice", "--mixing", "flip"),
                        "--mixing applies to --flow realnvp only; got --flow nice"),
                Arguments.of(List.of("fit", "--data", data, "--flow", "nice", "--actnorm"),
                        "--actnorm applies to --flow realnvp only; got --flow nice"),
                Arguments.of(List.of("fit", "--data", data, "--valid", data, "--valid-fraction", "0.2"),
                        "--valid-fraction applies to fits without --valid only; got --valid " + data),
                Arguments.of(List.of("fit", "--data", data, "--clip", "NaN"), "--clip must be a number, got NaN"),
                Arguments.of(List.of("tabular", "--root", none, "--flow", "nice", "--scale", "sigmoid"),
                        "--scale applies to --flow realnvp only; got --flow nice"),
                Arguments.of(List.of("train-images", "--data", none, "--clip", "NaN"), "--clip must be a number, got NaN"),
                Arguments.of(List.of("fit", "--data", data, "--layers", "0"), "--layers must be >= 1, got 0"),
                Arguments.of(List.of("fit", "--data", data, "--header", "maybe"),
                        "--header must be auto, yes or no, got 'maybe'"),
                Arguments.of(List.of("train-images", "--data", none, "--flow", "nice", "--blocks", "3"),
                        "--blocks applies to --flow realnvp only; got --flow nice"),
                Arguments.of(List.of("train-images", "--data", none, "--flow", "realnvp", "-K", "4"),
                        "--steps-per-level applies to --flow glow only; got --flow realnvp"),
                Arguments.of(List.of("train-images", "--data", none, "--coupling", "additive", "--scale-floor", "0.1"),
                        "--scale-floor applies to --coupling affine only; got --coupling additive"),
                Arguments.of(List.of("train-images", "--data", none, "--optimizer", "sgd"),
                        "--optimizer must be adam or adamax, got 'sgd'"),
                Arguments.of(List.of("train-images", "--data", none, "--size", "-32"), "--size must be >= 1, got -32"),
                Arguments.of(List.of("train-images", "--data", none, "--actnorm-factor", "0"),
                        "Glow's ActNorm log-scale factor must be > 0, got 0.0"),
                Arguments.of(List.of("bench", "train", "--ks", "8"), "--ks applies to bench glow only; got bench train"),
                Arguments.of(List.of("bench", "glow", "--steps", "10"), "--steps applies to bench train only; got bench glow"),
                Arguments.of(List.of("bench", "glow", "--iterations", "0"), "--iterations must be >= 1, got 0"),
                Arguments.of(List.of("ablation", "--seeds", "0"), "--seeds must be >= 1, got 0"),
                Arguments.of(List.of("image-demos", "--model", model.toString(), "--n-bits", "5"),
                        "--n-bits applies to train-images only; got image-demos (the model fixes the pixel depth)"),
                Arguments.of(List.of("image-demos", "--model", model.toString(), "--what", "everything"),
                        "--what must be all, samples, reconstruct, interpolate or manipulate, got 'everything'"));
    }

    /** Before any data is read or a step trained: an option that would do nothing, or nothing sensible, is refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optionsWithoutEffect")
    void optionsWithoutEffectAreRefusedNamingTheOption(List<String> args, String expected) {
        Path out = dir.resolve("no-effect.flow");
        List<String> all = new java.util.ArrayList<>(args);
        if (List.of("fit", "train-images", "image-demos", "ablation").contains(args.get(0))) {
            all.addAll(List.of("--out", out.toString()));
        }
        CommandLine cli = FlowsCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(all.toArray(String[]::new));
        String message = err.toString().strip();
        assertEquals(2, code, message);
        assertEquals("flows: error: " + expected, message);
        assertTrue(!Files.exists(out), "nothing may be written");
    }

    @Test
    void aModelFittedWithoutAHeaderScoresOnlyFilesOfItsWidth() throws Exception {
        StringBuilder three = new StringBuilder();
        StringBuilder four = new StringBuilder();
        java.util.SplittableRandom r = new java.util.SplittableRandom(6);
        for (int i = 0; i < 200; i++) {
            String row = r.nextGaussian() + "," + r.nextGaussian() + "," + r.nextGaussian();
            three.append(row).append('\n');
            four.append(row).append(",0\n");
        }
        Path train = Files.writeString(dir.resolve("plain3.csv"), three);
        Path wider = Files.writeString(dir.resolve("plain4.csv"), four);
        Path plain = dir.resolve("plain.flow");
        assertEquals(0, FlowsCli.commandLine().execute("fit", "--data", train.toString(), "--exclude", "x2", "--out",
                plain.toString(), "--epochs", "1", "--layers", "2", "--hidden", "8", "--no-progress"));
        Path out = dir.resolve("plain-scores.csv");
        CommandLine cli = FlowsCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("score", "--model", plain.toString(), "--data", wider.toString(), "--out",
                out.toString()), err.toString());
        assertEquals("flows: error: " + wider + ": 4 columns and no header, where the model's columns were taken by "
                + "position from 3; without a header their number must be the same", err.toString().strip());
        assertTrue(!Files.exists(out));
        assertEquals(0, FlowsCli.commandLine().execute("score", "--model", plain.toString(), "--data",
                train.toString(), "--out", out.toString()), "a file of the training width scores");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsDropped() throws Exception {
        Path data = dir.resolve("bom.csv");
        Files.write(data, ("\ufeffa,b\n0.1,0.2\n0.3,-0.4\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path out = dir.resolve("bom-scores.csv");
        CommandLine cli = FlowsCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("score", "--model", model.toString(), "--data", data.toString(), "--out",
                out.toString()), err.toString());
        assertEquals(3, Files.readAllLines(out).size(), "a header and two scored rows");
        assertEquals(List.of("a", "b"), org.flows4j.data.CsvTables.read(data).columns());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineAndExitCodeTwo(String what, String role, Path bad, String expected) throws Exception {
        Path out = dir.resolve("out-" + what.replace(' ', '-') + ".csv");
        Path data = dir.resolve("train.csv");
        List<String> args = switch (role) {
            case "fit" -> List.of("fit", "--data", bad.toString(), "--out", out.toString(), "--no-progress");
            case "score" -> List.of("score", "--model", model.toString(), "--data", bad.toString(), "--out", out.toString());
            case "model" -> List.of("score", "--model", bad.toString(), "--data", data.toString(), "--out", out.toString());
            case "fit-out" -> List.of("fit", "--data", dir.resolve("nope.csv").toString(), "--out",
                    (out = bad).toString(), "--no-progress");
            case "train-images-out" -> List.of("train-images", "--data", dir.resolve("no-images").toString(), "--out",
                    (out = bad).toString(), "--quiet");
            default -> List.of("score", "--model", model.toString(), "--data", data.toString(), "--out", (out = bad).toString());
        };
        CommandLine cli = FlowsCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args.toArray(String[]::new));
        String message = err.toString().strip();
        assertEquals(2, code, what + ": " + message);
        assertTrue(message.startsWith("flows: error: ") && message.contains(expected), what + ": " + message);
        assertEquals(1, message.lines().count(), what + ": one line, no stack trace: " + message);
        assertTrue(!Files.exists(out), what + ": no output may be written");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
    }
}
