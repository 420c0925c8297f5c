package org.flows4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flows4j.data.Columns;
import org.flows4j.data.Table;
import org.flows4j.io.ModelFiles;
import org.flows4j.training.DensityModel;
import org.flows4j.training.NllSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The negative log-likelihood of a CSV under a model: mean ± standard error, median, the mean over the rows inside the
 * training range, which rows lie outside it, and a warning when a few rows dominate the mean.
 */
@Command(name = "evaluate", description = "Print the mean NLL ± standard error (nats, and per dimension), the median, "
        + "the mean over rows inside the training range, the rows outside it, and a warning when a few rows dominate.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file (.flow)")
    Path modelFile;

    @Option(names = "--data", required = true, description = "CSV with the model's columns")
    Path data;

    @Option(names = "--json", description = "print one JSON object instead of lines (non-finite numbers as null)")
    boolean json;

    @Mixin
    CsvOptions csv;

    @Mixin
    RangeOptions range;

    @Override
    public Integer call() throws Exception {
        csv.mode();
        ThreadPolicy.apply();
        DensityModel model = ModelFiles.load(modelFile);
        Table table = Columns.byName(data, csv.read(data), model.columns(), model.positionalWidth());
        double[] nll = model.logProb(table).negi().toDoubleVector();
        NllSummary summary = NllSummary.of(nll, model.excess(table, range.margin()), model.columns());
        if (json) {
            System.out.println(NllReport.json(data.toString(), summary, table.dim()));
        } else {
            NllReport.lines(data.toString(), summary, table.dim()).forEach(System.out::println);
        }
        return 0;
    }
}
