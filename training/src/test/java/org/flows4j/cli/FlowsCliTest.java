package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
