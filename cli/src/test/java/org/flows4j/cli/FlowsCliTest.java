package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end: a short demo writes its pictures; user errors are one line with exit code 2. */
class FlowsCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = FlowsCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, err.toString());
    }

    @Test
    void shortDemoWritesDensityPictures() throws Exception {
        Run r = run("demo", "--out", dir.toString(), "--epochs", "1", "--train", "1500", "--sets", "moons",
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        for (String model : new String[] {"nice", "realnvp"}) {
            Path png = dir.resolve("moons-" + model + ".png");
            assertTrue(Files.size(png) > 10_000, png + " is too small to hold three panels");
            var image = ImageIO.read(png.toFile());
            assertEquals(3 * 420, image.getWidth());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file may be left");
        }
    }

    @Test
    void missingDataIsOneLineAndExitCodeTwo() {
        Run r = run("tabular", "--root", dir.resolve("nowhere").toString(), "--no-progress");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("flows: error: ") && r.err().contains("truth.json: no such file"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badFlowNameIsRefused() {
        Run r = run("tabular", "--root", "../../shared/data/tabular", "--sets", "moons2d", "--flow", "maf");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--flow must be nice or realnvp"), r.err());
    }

    @Test
    void fitScoreSampleEvaluateAndTheirBadInputs() throws Exception {
        Path train = dir.resolve("train.csv");
        StringBuilder csv = new StringBuilder("a,b,c\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 400; i++) {
            csv.append(r.nextGaussian()).append(',').append(2 * r.nextGaussian() + 1).append(',').append(r.nextGaussian())
                    .append('\n');
        }
        Files.writeString(train, csv);
        Path model = dir.resolve("m.flow");
        Run fit = run("fit", "--data", train.toString(), "--out", model.toString(), "--epochs", "2", "--layers", "2",
                "--hidden", "8", "--exclude", "c", "--no-progress");
        assertEquals(0, fit.code(), fit.err());
        Path scores = dir.resolve("scores.csv");
        assertEquals(0, run("score", "--model", model.toString(), "--data", train.toString(), "--out", scores.toString())
                .code());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("row,log_density,anomaly,out_of_range,range_excess_sd,range_column", lines.get(0));
        assertEquals(401, lines.size());
        long flagged = lines.stream().skip(1).filter(l -> l.split(",")[2].equals("1")).count();
        assertTrue(flagged >= 1 && flagged <= 12, "about 1% of the training rows are below the 1% threshold: " + flagged);
        Path samples = dir.resolve("s.csv");
        assertEquals(0, run("sample", "--model", model.toString(), "-n", "7", "--out", samples.toString()).code());
        assertEquals("a,b", Files.readAllLines(samples).get(0));
        assertEquals(8, Files.readAllLines(samples).size());
        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", train.toString()).code());

        Path wrongColumns = Files.writeString(dir.resolve("wrong.csv"), "a,x\n1,2\n");
        Run missing = run("score", "--model", model.toString(), "--data", wrongColumns.toString(), "--out",
                dir.resolve("o.csv").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("wrong.csv: the model needs column 'b'"), missing.err());
        Path constant = Files.writeString(dir.resolve("const.csv"), "a,b\n1,5\n2,5\n3,5\n4,5\n5,5\n6,5\n");
        Run flat = run("fit", "--data", constant.toString(), "--out", dir.resolve("c.flow").toString(), "--no-progress");
        assertEquals(2, flat.code());
        assertTrue(flat.err().contains("const.csv: column 2 (b) is constant"), flat.err());
        Run unwritable = run("score", "--model", model.toString(), "--data", train.toString(), "--out",
                dir.resolve("nowhere").resolve("o.csv").toString());
        assertEquals(2, unwritable.code());
        assertTrue(unwritable.err().contains("cannot write there"), unwritable.err());
        Run zeroModel = run("evaluate", "--model", Files.write(dir.resolve("z.flow"), new byte[0]).toString(), "--data",
                train.toString());
        assertEquals(2, zeroModel.code());
        assertTrue(zeroModel.err().contains("z.flow: empty file"), zeroModel.err());
        assertFalse(Files.exists(dir.resolve("o.csv")) || Files.exists(dir.resolve("c.flow")),
                "failed commands must not leave output files");
    }

    @Test
    void fitPrintsTheValidationCurveWhenAskedTo() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            csv.append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
        }
        Path data = Files.writeString(dir.resolve("curve.csv"), csv);
        java.io.PrintStream before = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        Run run;
        try {
            run = run("fit", "--data", data.toString(), "--out", dir.resolve("curve.flow").toString(), "--epochs",
                    "3", "--patience", "0", "--layers", "2", "--hidden", "8", "--curve", "--no-progress");
        } finally {
            System.setOut(before);
        }
        assertEquals(0, run.code(), run.err());
        List<String> curve = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("  validation NLL by epoch:")).toList();
        assertEquals(1, curve.size(), out.toString());
        assertEquals(3, curve.get(0).substring("  validation NLL by epoch:".length()).trim().split("\\s+").length,
                "one value per epoch: " + curve.get(0));
    }
}
