package org.flows4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flows4j.training.BackendReport;
import org.flows4j.cli.ablation.Ablation;
import org.flows4j.cli.ablation.AblationPreset;
import org.flows4j.images.CurvePoint;
import org.flows4j.images.ImageSet;
import org.flows4j.io.AtomicFiles;
import org.flows4j.models.Glow;
import org.flows4j.cli.plot.AblationPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reproduces the Glow paper's permutation × coupling ablation and writes its curves, figure and table. */
@Command(name = "ablation", description = "Glow's permutation ablation: reverse | shuffle | 1x1 conv x additive | affine, "
        + "over seeds; writes curves.csv, figure.png and table.md. Interrupted runs resume.")
final class AblationCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "default", description = "default | paper (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--seeds", defaultValue = "3", description = "repeats per variant (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--steps", description = "override the preset's step budget")
    Integer steps;

    @Option(names = "--data", description = "folder with Fashion-MNIST IDX files (default: Debian's)")
    Path data;

    @Option(names = "--out", defaultValue = "flows-out/ablation", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        OptionRules.atLeastOne("--seeds", seeds);
        if (steps != null) {
            OptionRules.atLeastOne("--steps", steps);
        }
        ThreadPolicy.apply();
        System.out.println(BackendReport.current().oneLine());
        AblationPreset p = AblationPreset.named(preset);
        if (steps != null) {
            p = new AblationPreset(p.name() + "-" + steps + "-steps", p.levels(), p.stepsPerLevel(), p.width(), p.batch(),
                    steps, Math.min(p.testEvery(), steps), p.testImages(), p.learningRate(), p.optimizer(),
                    Math.min(p.warmupSteps(), steps), p.size(), p.actNormFactor());
        }
        System.out.println(p.describe() + ", " + seeds + " seeds");
        ImageDataOptions images = new ImageDataOptions();
        images.data = data;
        images.size = p.size();
        images.nBits = 8;
        ImageSet train = images.load(true);
        ImageSet test = images.load(false);
        List<Long> seedList = new ArrayList<>();
        for (long s = 0; s < seeds; s++) {
            seedList.add(s);
        }
        List<Ablation.Run> runs = new Ablation(p, out.resolve(p.name()), !quiet).run(train, test, seedList);
        Path folder = out.resolve(p.name());
        writeCurves(folder.resolve("curves.csv"), runs);
        AblationPlots.write(folder.resolve("figure.png"), runs);
        String table = table(runs);
        AtomicFiles.write(folder.resolve("table.md"), o -> o.write(table.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        System.out.println(table);
        System.out.println("wrote " + folder.resolve("curves.csv") + ", " + folder.resolve("figure.png") + ", "
                + folder.resolve("table.md"));
        return 0;
    }

    private static void writeCurves(Path csv, List<Ablation.Run> runs) throws java.io.IOException {
        AtomicFiles.writeCsv(csv, List.of("coupling", "permutation", "seed", "step", "train_bits_per_dim",
                "test_bits_per_dim", "seconds"), printer -> {
                    for (Ablation.Run r : runs) {
                        for (CurvePoint c : r.curve()) {
                            printer.printRecord(r.coupling().name().toLowerCase(Locale.ROOT),
                                    r.permutation().name().toLowerCase(Locale.ROOT), r.seed(), c.step(),
                                    c.trainBitsPerDim(), c.testBitsPerDim(), c.seconds());
                        }
                    }
                });
    }

    static String table(List<Ablation.Run> runs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "| coupling | permutation | final test bits/dim (mean ± sd) | seeds | wall time per run (s) |%n"
                        + "|---|---|---|---|---|%n"));
        for (Glow.Coupling c : Ablation.COUPLINGS) {
            for (Glow.Permutation q : Ablation.PERMUTATIONS) {
                List<Ablation.Run> rs = runs.stream().filter(r -> r.coupling() == c && r.permutation() == q).toList();
                double[] v = rs.stream().mapToDouble(Ablation.Run::finalTestBitsPerDim).toArray();
                double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                double sd = v.length > 1 ? Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum()
                        / (v.length - 1)) : 0;
                double seconds = rs.stream().mapToDouble(Ablation.Run::seconds).average().orElse(Double.NaN);
                b.append(String.format(Locale.ROOT, "| %s | %s | %.4f ± %.4f | %d | %.0f |%n",
                        c.name().toLowerCase(Locale.ROOT), q.name().toLowerCase(Locale.ROOT).replace("conv1x1", "1x1 conv"),
                        mean, sd, v.length, seconds));
            }
        }
        return b.toString();
    }
}
