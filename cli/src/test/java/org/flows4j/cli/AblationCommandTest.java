package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.flows4j.cli.ablation.Ablation;
import org.flows4j.images.CurvePoint;
import org.flows4j.models.Glow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ablation command end to end on tiny images, its resume, and its summary table. */
class AblationCommandTest {

    private static String runCapturingOutput(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, FlowsCli.commandLine().execute(args));
        } finally {
            System.setOut(before);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsTheGridWritesItsOutputsAndResumesOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
        for (String split : new String[] {"train", "test"}) {
            Path folder = Files.createDirectories(dir.resolve("pngs").resolve(split));
            // as many training images as the preset's batch of 32, which is never cut down to the set
            for (int i = 0; i < (split.equals("train") ? 32 : 8); i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSample(3, 3, 0, 8 * i);
                ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
            }
        }
        String[] args = {"ablation", "--steps", "2", "--seeds", "1", "--data", dir.resolve("pngs").toString(),
                "--out", dir.resolve("out").toString(), "--quiet"};
        String first = runCapturingOutput(args);
        Path folder = dir.resolve("out").resolve("default-2-steps");
        assertEquals(6, first.lines().filter(l -> l.endsWith("training from step 0")).count(), first);
        List<String> csv = Files.readAllLines(folder.resolve("curves.csv"));
        assertEquals("coupling,permutation,seed,step,train_bits_per_dim,test_bits_per_dim,seconds", csv.get(0));
        assertEquals(7, csv.size(), "one curve point per run");
        assertTrue(Files.size(folder.resolve("figure.png")) > 0);
        assertTrue(Files.readString(folder.resolve("table.md")).contains("| affine | 1x1 conv |"));

        Files.delete(folder.resolve("runs").resolve("affine-shuffle-seed0.flow"));
        String second = runCapturingOutput(args);
        assertEquals(1, second.lines().filter(l -> l.endsWith("training from step 0")).count(), second);
        assertEquals(5, second.lines().filter(l -> l.contains("finished earlier")).count(), second);
        assertEquals(withoutWallTime(csv), withoutWallTime(Files.readAllLines(folder.resolve("curves.csv"))),
                "the rerun reproduces the deleted run's bits/dim exactly");
    }

    @Test
    void tableReportsMeanAndSampleStandardDeviationOverSeeds() {
        List<Ablation.Run> runs = List.of(
                run(Glow.Coupling.AFFINE, Glow.Permutation.CONV1X1, 0, 3.0),
                run(Glow.Coupling.AFFINE, Glow.Permutation.CONV1X1, 1, 3.2),
                run(Glow.Coupling.AFFINE, Glow.Permutation.CONV1X1, 2, 3.4));
        String table = AblationCommand.table(runs);
        assertTrue(table.contains("| affine | 1x1 conv | 3.2000 ± 0.2000 | 3 | 10 |"), table);
    }

    private static List<String> withoutWallTime(List<String> csv) {
        return csv.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static Ablation.Run run(Glow.Coupling c, Glow.Permutation p, long seed, double bpd) {
        return new Ablation.Run(c, p, seed, List.of(new CurvePoint(100, bpd + 0.1, bpd, 10, 5, 1, 0)), 10);
    }
}
