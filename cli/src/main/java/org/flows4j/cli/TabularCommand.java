package org.flows4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flows4j.cli.progress.ProgressBars;
import org.flows4j.data.TabularBenchmark;
import org.flows4j.training.BackendReport;
import org.flows4j.training.TabularExperiment;
import org.flows4j.training.TabularModel;
import org.flows4j.training.TabularResult;
import org.flows4j.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fits a flow to each provided tabular set and compares its test NLL with the set's true NLL. */
@Command(name = "tabular", description = "Fit a flow to the provided tabular sets (gzipped CSV + truth.json) and "
        + "report test NLL against the true NLL.")
final class TabularCommand implements Callable<Integer> {
    @Option(names = "--root", description = "folder of the sets (default: ../shared/data/tabular)")
    Path root;

    @Option(names = "--sets", split = ",", description = "sets to fit (default: all in truth.json)")
    List<String> sets;

    @Mixin
    TrainingOptions options;

    @Override
    public Integer call() {
        TabularModel model = options.model();
        TrainingConfig config = options.config();
        ThreadPolicy.apply();
        Path dir = root != null ? root : TabularBenchmark.defaultRoot();
        List<String> names = sets != null ? sets : TabularBenchmark.names(dir);
        System.out.println(BackendReport.current().oneLine());
        Report.header();
        for (String name : names) {
            TabularBenchmark b = TabularBenchmark.load(dir, name);
            TabularResult r;
            try (ProgressBars bars = options.progressBars()) {
                r = TabularExperiment.run(name, model, config, b.train().values(),
                        b.valid().values(), b.test().values(), b.trueTestNll(), bars.tabular()).result();
            }
            Report.row(r);
            if (options.curve) {
                Report.curve(r.training());
            }
        }
        return 0;
    }
}
