package org.flows4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flows4j.cli.plot.DensityPlots;
import org.flows4j.cli.progress.ProgressBars;
import org.flows4j.data.KnownDensity;
import org.flows4j.data.SyntheticSets;
import org.flows4j.training.BackendReport;
import org.flows4j.training.TabularExperiment;
import org.flows4j.training.TabularModel;
import org.flows4j.training.TabularResult;
import org.flows4j.training.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The built-in default job: fits NICE and RealNVP to the 2-D synthetic sets with known densities, prints test NLL
 * against the true NLL, and draws data, learned density and samples side by side.
 */
@Command(name = "demo", description = "Fit NICE and RealNVP to built-in 2-D sets with known densities; print test "
        + "NLL vs the true NLL and write PNGs of the learned densities and samples.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "flows-out/demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--epochs", defaultValue = "25", description = "epochs per fit (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--train", defaultValue = "20000", description = "training rows per set (default: ${DEFAULT-VALUE})")
    int trainRows;

    @Option(names = "--sets", split = ",", defaultValue = "moons,8gaussians,checkerboard",
            description = "built-in sets (default: ${DEFAULT-VALUE})")
    List<String> sets;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-progress", description = "hide the progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        ThreadPolicy.apply();
        BackendReport backend = BackendReport.current();
        System.out.println("flows4j demo | " + backend.oneLine());
        if (!backend.notice().isEmpty()) {
            System.out.println(backend.notice());
        }
        Files.createDirectories(out);
        List<TabularModel> models = List.of(
                new TabularModel(TabularModel.Kind.NICE, 4, List.of(128, 128), seed),
                new TabularModel(TabularModel.Kind.REALNVP, 8, List.of(128, 128), seed));
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(256).learningRate(1e-3).seed(seed)
                .build();
        long start = System.nanoTime();
        Report.header();
        for (String name : sets) {
            KnownDensity density = SyntheticSets.byName(name);
            INDArray train = density.sample(trainRows, seed + 1).values();
            INDArray valid = density.sample(2000, seed + 2).values();
            INDArray test = density.sample(10000, seed + 3).values();
            double trueNll = density.meanNll(test);
            for (TabularModel model : models) {
                TabularExperiment.Outcome o;
                try (ProgressBars bars = ProgressBars.of(!noProgress)) {
                    o = TabularExperiment.run(name, model, config, train, valid, test, trueNll, bars.tabular());
                }
                TabularResult r = o.result();
                Report.row(r);
                if (density.dim() == 2) {
                    Path png = out.resolve(name + "-" + model.kind().name().toLowerCase(java.util.Locale.ROOT) + ".png");
                    DensityPlots.write(png, name + ", " + model.kind().name().toLowerCase(java.util.Locale.ROOT),
                            test.castTo(o.flow().dataType()), o.flow(), o.flow().sample(3000, 1.0, seed + 4));
                }
            }
        }
        System.out.printf("done in %.0f s; pictures in %s%n", (System.nanoTime() - start) / 1e9, out.toAbsolutePath());
        return 0;
    }
}
