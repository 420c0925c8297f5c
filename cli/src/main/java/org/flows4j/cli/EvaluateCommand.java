package org.flows4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flows4j.data.Columns;
import org.flows4j.data.CsvTables;
import org.flows4j.data.Table;
import org.flows4j.io.ModelFiles;
import org.flows4j.training.DensityModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Mean negative log-likelihood of a CSV under a model, with its standard error. */
@Command(name = "evaluate", description = "Print the mean NLL ± standard error (nats, and nats per dimension).")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file (.flow)")
    Path modelFile;

    @Option(names = "--data", required = true, description = "CSV with the model's columns")
    Path data;

    @Override
    public Integer call() {
        DensityModel model = ModelFiles.load(modelFile);
        Table table = Columns.byName(data, CsvTables.read(data), model.columns());
        INDArray nll = model.logProb(table).negi();
        double mean = nll.meanNumber().doubleValue();
        double se = table.rows() > 1 ? nll.stdNumber().doubleValue() / Math.sqrt(table.rows()) : Double.NaN;
        int d = table.dim();
        System.out.printf("%s: %d rows | mean NLL %.4f ± %.4f nats | %.4f ± %.4f nats per dimension (%d)%n", data,
                table.rows(), mean, se, mean / d, se / d, d);
        return 0;
    }
}
