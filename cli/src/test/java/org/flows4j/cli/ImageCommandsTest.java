package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train-images and image-demos through the command line on a folder of PNGs, and their refusals. */
class ImageCommandsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writePngs() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        for (String split : new String[] {"train", "test"}) {
            Path folder = Files.createDirectories(dir.resolve("pngs").resolve(split));
            for (int i = 0; i < 24; i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 2; y < 6; y++) {
                    for (int x = 2; x < 6; x++) {
                        image.getRaster().setSample(x, y, 0, 150 + r.nextInt(100));
                    }
                }
                ImageIO.write(image, "png", folder.resolve(String.format("%03d.png", i)).toFile());
            }
        }
    }

    private static String[] run(int expectedExit, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = FlowsCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(expectedExit, cli.execute(args), String.join(" ", args) + "\n" + err);
        return err.toString().lines().toArray(String[]::new);
    }

    @Test
    void trainsResumesAndDrawsTheDemos() throws Exception {
        Path model = dir.resolve("g.flow");
        String[] common = {"--data", dir.resolve("pngs").toString(), "--size", "8", "--batch", "8", "--test-every",
            "2", "--quiet", "--out", model.toString()};
        run(0, concat(new String[] {"train-images", "--steps", "2", "-L", "2", "-K", "1", "--width", "8"}, common));
        assertTrue(Files.isRegularFile(model));
        assertTrue(Files.readString(dir.resolve("g.flow.curve.csv")).startsWith("step,train_bits_per_dim"));
        String[] architecture = {"-L", "2", "-K", "1", "--width", "8"};
        String[] other = run(2, concat(new String[] {"train-images", "--steps", "4", "--resume", "-L", "2", "-K", "1",
            "--width", "16"}, common));
        assertEquals(1, other.length);
        assertTrue(other[0].startsWith("flows: error: --resume: the options describe ") && other[0].contains(
                "give its options or none"), "an architecture other than the checkpoint's is refused: " + other[0]);
        // the original command line with --resume added continues it
        run(0, concat(concat(new String[] {"train-images", "--steps", "4", "--resume"}, architecture), common));
        assertEquals(3, Files.readAllLines(dir.resolve("g.flow.curve.csv")).size(), "two points before, one after");
        byte[] resumed = Files.readAllBytes(model);
        String[] past = run(2, concat(new String[] {"train-images", "--steps", "3", "--resume"}, common));
        assertEquals(List.of("flows: error: --steps 3: the checkpoint " + model + " is at step 4 already"),
                List.of(past));
        run(0, concat(new String[] {"train-images", "--steps", "4", "--resume"}, common));
        assertArrayEquals(resumed, Files.readAllBytes(model), "a resume at its last step trains nothing and keeps "
                + "the checkpoint as it was");
        Path out = dir.resolve("demos");
        run(0, "image-demos", "--model", model.toString(), "--data", dir.resolve("pngs").toString(), "--size", "8",
                "--what", "samples", "--temperatures", "0,0.7", "--out", out.toString());
        assertTrue(Files.size(out.resolve("samples-T0.70.png")) > 0);
        assertTrue(Files.size(out.resolve("samples-T0.00.png")) > 0);
    }

    @Test
    void trainsRealNvpAndNiceOnImagesToo() throws Exception {
        for (String flow : new String[] {"realnvp", "nice"}) {
            Path model = dir.resolve(flow + ".flow");
            String[] sizes = flow.equals("realnvp") ? new String[] {"-L", "2", "--blocks", "1"} : new String[0];
            run(0, concat(new String[] {"train-images", "--flow", flow, "--data", dir.resolve("pngs").toString(),
                "--size", "8", "--width", "8", "--batch", "8", "--steps", "2", "--test-every", "2", "--quiet",
                "--out", model.toString()}, sizes));
            assertTrue(Files.readAllLines(dir.resolve(flow + ".flow.curve.csv")).get(1).startsWith("2,"), flow);
        }
    }

    @Test
    void refusesMissingDataAndBrokenModelsInOneLine() throws Exception {
        Path missing = dir.resolve("no-such-folder");
        String[] err = run(2, "train-images", "--data", missing.toString(), "--out", dir.resolve("x.flow").toString());
        assertEquals(1, err.length);
        assertTrue(err[0].startsWith("flows: error: " + missing), err[0]);
        assertFalse(Files.exists(dir.resolve("x.flow")));
        Path truncated = Files.write(dir.resolve("t.flow"), new byte[] {'P', 'K', 3, 4, 0});
        err = run(2, "image-demos", "--model", truncated.toString(), "--out", dir.toString());
        assertEquals(1, err.length);
        assertTrue(err[0].startsWith("flows: error: " + truncated + ": corrupt or truncated"), err[0]);
        err = run(2, "train-images", "--resume", "--out", dir.resolve("none.flow").toString(), "--data",
                dir.resolve("pngs").toString(), "--size", "8");
        assertTrue(err[0].contains("no checkpoint to resume from"), err[0]);
        err = run(2, "train-images", "--test-images", "25", "--out", dir.resolve("z.flow").toString(), "--data",
                dir.resolve("pngs").toString(), "--size", "8");
        assertEquals(List.of("flows: error: --test-images 25: the test split has 24 images"), List.of(err));
        err = run(2, "train-images", "--batch", "25", "--out", dir.resolve("z.flow").toString(), "--data",
                dir.resolve("pngs").toString(), "--size", "8", "--width", "8", "-L", "1", "-K", "1");
        assertEquals(List.of("flows: error: --batch 25: the training split has 24 images"), List.of(err));
        assertFalse(Files.exists(dir.resolve("z.flow")));
        err = run(2, "train-images", "--schedule", "wsd", "--decay-fraction", "1.5", "--out",
                dir.resolve("y.flow").toString(), "--data", dir.resolve("pngs").toString(), "--size", "8");
        assertEquals(1, err.length);
        assertTrue(err[0].startsWith("flows: error: --decay-fraction must be in (0, 1], got 1.5"), err[0]);
        err = run(2, "train-images", "--actnorm-factor", "0", "--batch", "8", "--out", dir.resolve("y.flow").toString(),
                "--data", dir.resolve("pngs").toString(), "--size", "8");
        assertTrue(err[0].startsWith("flows: error: Glow's ActNorm log-scale factor must be > 0"), err[0]);
        err = run(2, "train-images", "--beta2", "1", "--out", dir.resolve("y.flow").toString(), "--data",
                dir.resolve("pngs").toString(), "--size", "8");
        assertEquals(1, err.length);
        assertTrue(err[0].startsWith("flows: error: --beta2 must be in (0, 1), got 1.0"), err[0]);
        err = run(2, "train-images", "--scale-floor", "1", "--batch", "8", "--out", dir.resolve("y.flow").toString(),
                "--data", dir.resolve("pngs").toString(), "--size", "8");
        assertEquals(1, err.length);
        assertTrue(err[0].startsWith("flows: error: Glow's coupling scale floor must be in [0, 1), got 1.0"), err[0]);
        assertFalse(Files.exists(dir.resolve("y.flow")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
