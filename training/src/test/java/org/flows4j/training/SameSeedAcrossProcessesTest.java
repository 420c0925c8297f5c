package org.flows4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flows4j.data.KnownDensity;
import org.flows4j.data.SyntheticSets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Same seed, same numbers — across processes, not only within one: two fresh JVMs (the test's own flags and class
 * path) train the same RealNVP on the same data and must print the same per-epoch losses to the last digit. Within
 * one JVM the JIT has compiled the kernels by the second run; across processes it compiles them at other moments,
 * so an operation that rounds differently compiled and interpreted shows up here only.
 */
class SameSeedAcrossProcessesTest {

    /** Trains two epochs of RealNVP on moons and prints each epoch's training NLL with every digit. */
    public static void main(String[] args) {
        KnownDensity density = SyntheticSets.byName("moons");
        INDArray train = density.sample(8000, 1).values();
        INDArray valid = density.sample(1000, 2).values();
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(256).learningRate(1e-3).seed(0).build();
        TabularExperiment.Outcome o = TabularExperiment.run("moons",
                new TabularModel(TabularModel.Kind.REALNVP, 8, List.of(128, 128), 0), config, train, valid, valid,
                density.meanNll(valid), TrainingListener.NONE);
        StringBuilder out = new StringBuilder("losses");
        o.result().training().epochs().forEach(e -> out.append(' ').append(e.trainNll()).append(' ').append(e.validNll()));
        System.out.println(out);
    }

    private static String runInFreshJvm() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--") || arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SameSeedAcrossProcessesTest.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), "the child JVM failed: " + output);
        return output.lines().filter(l -> l.startsWith("losses ")).findFirst()
                .orElseThrow(() -> new AssertionError("no losses line in: " + output));
    }

    @Test
    void twoProcessesTrainToTheSameLastDigit() throws Exception {
        String first = runInFreshJvm();
        String second = runInFreshJvm();
        assertEquals(first, second, "same seed, two processes");
    }
}
