package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.io.ModelFiles;
import org.flows4j.training.DensityModel;
import org.flows4j.training.TrainingRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Rows outside the training range through {@code fit}, {@code evaluate} and {@code score}, on a table built like a
 * real one that broke the plain mean: four smooth columns and a dequantised count {@code px} that is almost always 0
 * in training, then a test row with a large count.
 */
class OutOfRangeTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path testWith;
    static Path testWithout;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code n} rows: a, b, c, d correlated Gaussians; px = count + U(0, 1), the count 0 in 98 % of rows, else 1–3. */
    private static StringBuilder rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double z = r.nextGaussian();
            int count = r.nextDouble() < 0.98 ? 0 : 1 + r.nextInt(3);
            csv.append(z).append(',').append(0.6 * z + 0.8 * r.nextGaussian()).append(',')
                    .append(2 + r.nextGaussian()).append(',').append(r.nextGaussian() * 0.5).append(',')
                    .append(count + r.nextDouble()).append('\n');
        }
        return csv;
    }

    @BeforeAll
    static void fitOnTheTrainingTable() throws Exception {
        String header = "a,b,c,d,px\n";
        Path train = Files.writeString(dir.resolve("train.csv"), header + rows(1600, 1));
        StringBuilder test = rows(360, 2);
        testWithout = Files.writeString(dir.resolve("test-without.csv"), header + test);
        testWith = Files.writeString(dir.resolve("test-with.csv"), header + test + "0.1,-0.2,2.3,0.4,40.5\n");
        model = dir.resolve("m.flow");
        assertEquals(0, cli().execute("fit", "--data", train.toString(), "--out", model.toString(), "--epochs", "6",
                "--layers", "4", "--hidden", "32,32", "--no-progress"));
    }

    private static CommandLine cli() {
        CommandLine cli = FlowsCli.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli;
    }

    /** Standard output of one command, which must succeed. */
    private static String out(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            assertEquals(0, cli().execute(args), String.join(" ", args));
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void evaluateNamesTheRowsAndColumnAndItsRobustFiguresIgnoreTheFarRow() throws Exception {
        JsonNode with = JSON.readTree(out("evaluate", "--model", model.toString(), "--data", testWith.toString(),
                "--json"));
        JsonNode without = JSON.readTree(out("evaluate", "--model", model.toString(), "--data",
                testWithout.toString(), "--json"));
        assertEquals(361, with.get("rows").asInt());
        assertTrue(with.get("rangeKnown").asBoolean());
        assertTrue(with.get("outOfRangeRows").asInt() >= 1, with.toString());
        assertEquals("px", with.get("outOfRangeColumns").get(0).get("column").asText(), with.toString());
        assertTrue(with.get("maxRangeExcessSd").asDouble() > 50, "the far row is about 100 training SDs out: " + with);
        double se = without.get("stderr").asDouble();
        assertTrue(Math.abs(with.get("medianNll").asDouble() - without.get("medianNll").asDouble()) <= se,
                "median with the far row " + with.get("medianNll") + " vs " + without.get("medianNll") + " ± " + se);
        assertTrue(Math.abs(with.get("inRangeMeanNll").asDouble() - without.get("inRangeMeanNll").asDouble()) <= se,
                "in-range mean with the far row " + with.get("inRangeMeanNll") + " vs without it "
                        + without.get("inRangeMeanNll") + " ± " + se);
        assertEquals(without.get("outOfRangeRows").asInt() + 1, with.get("outOfRangeRows").asInt(),
                "the far row is the one added out-of-range row");
        assertTrue(with.get("meanDominatedByFewRows").asBoolean(), "the far row dominates the mean: " + with);
        assertTrue(with.get("meanNll").asDouble() - without.get("meanNll").asDouble() > 10 * se,
                "the plain mean moves far more than its error: " + with.get("meanNll") + " vs " + without.get("meanNll"));

        String text = out("evaluate", "--model", model.toString(), "--data", testWith.toString());
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).contains("361 rows | mean NLL"), text);
        assertTrue(lines.get(1).startsWith("median NLL") && lines.get(1).contains("in-range rows:"), text);
        assertTrue(lines.get(2).contains("outside the training range, most often in px"), text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("warning: the mean is dominated by a few rows: without the "
                + "worst 2 (0.5%)")), text);
    }

    @Test
    void scoreFlagsTheFarRowWithItsExcessAndColumn() throws Exception {
        Path scores = dir.resolve("scores.csv");
        String summary = out("score", "--model", model.toString(), "--data", testWith.toString(), "--out",
                scores.toString());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("row,log_density,anomaly,out_of_range,range_excess_sd,range_column", lines.get(0));
        String[] far = lines.get(361).split(",");
        assertEquals("361", far[0]);
        assertEquals("1", far[2], "far below the training scores: an anomaly");
        assertEquals("1", far[3]);
        assertTrue(Double.parseDouble(far[4]) > 50, lines.get(361));
        assertEquals("px", far[5]);
        long inside = lines.stream().skip(1).filter(l -> l.split(",", -1)[3].equals("0")).count();
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split(",", -1);
            assertEquals(cells[3].equals("1"), Double.parseDouble(cells[4]) > TrainingRange.DEFAULT_MARGIN, l);
            assertEquals(cells[5].isEmpty(), cells[4].equals("0.0"), l);
        }
        assertTrue(inside >= 340, "most test rows lie inside the training range: " + inside);
        assertTrue(summary.contains("outside the training range, most often in px"), summary);
    }

    @Test
    void rowsBeyondFloatingPointAreScoredAndSummarizedWithoutNaN() throws Exception {
        Path extreme = Files.writeString(dir.resolve("extreme.csv"), "a,b,c,d,px\n" + rows(7, 3)
                + "1e6,0,2,0,0.5\n0,0,2,0,1e300\n-1e300,0,2,0,0.5\n");
        Path scores = dir.resolve("extreme-scores.csv");
        out("score", "--model", model.toString(), "--data", extreme.toString(), "--out", scores.toString());
        List<String> lines = Files.readAllLines(scores);
        for (String l : lines.subList(1, lines.size())) {
            String logp = l.split(",")[1];
            assertFalse(logp.contains("NaN"), l);
            assertTrue(logp.equals("-Infinity") || Double.isFinite(Double.parseDouble(logp)), l);
        }
        assertEquals(List.of("1", "1", "1"), lines.stream().skip(8).map(l -> l.split(",")[3]).toList());
        String text = out("evaluate", "--model", model.toString(), "--data", extreme.toString());
        assertTrue(text.contains("outside the training range") && text.contains("-Infinity"), text);
        JsonNode json = JSON.readTree(out("evaluate", "--model", model.toString(), "--data", extreme.toString(),
                "--json"));
        assertTrue(json.get("outOfRangeRows").asInt() >= 3, json.toString());
        assertTrue(json.get("medianNll").isNumber(), json.toString());
    }

    @Test
    void aModelFileWithoutARangeSaysSoAndABadMarginIsRefused() throws Exception {
        DensityModel fitted = ModelFiles.load(model);
        Path earlier = dir.resolve("earlier.flow");
        ModelFiles.save(new DensityModel(fitted.spec(), fitted.columns(), fitted.flow(),
                fitted.trainingLogProbQuantiles()), earlier);
        String text = out("evaluate", "--model", earlier.toString(), "--data", testWith.toString());
        assertTrue(text.contains("the model file records no training range"), text);
        JsonNode json = JSON.readTree(out("evaluate", "--model", earlier.toString(), "--data", testWith.toString(),
                "--json"));
        assertFalse(json.get("rangeKnown").asBoolean());
        Path scores = dir.resolve("earlier-scores.csv");
        out("score", "--model", earlier.toString(), "--data", testWith.toString(), "--out", scores.toString());
        assertTrue(Files.readAllLines(scores).get(1).endsWith(",,,"), "no range: empty range cells");

        CommandLine cli = FlowsCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("evaluate", "--model", model.toString(), "--data", testWith.toString(),
                "--range-margin", "-1"));
        assertEquals("flows: error: --range-margin must be >= 0, got -1.0", err.toString().strip());
    }
}
