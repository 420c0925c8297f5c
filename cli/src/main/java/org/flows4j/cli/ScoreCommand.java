package org.flows4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flows4j.data.Columns;
import org.flows4j.data.Table;
import org.flows4j.io.AtomicFiles;
import org.flows4j.io.ModelFiles;
import org.flows4j.training.DensityModel;
import org.flows4j.training.NllSummary;
import org.flows4j.training.TrainingRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scores rows by log-density and flags the ones below a percentile of the training scores. */
@Command(name = "score", description = "Write each row's log-density (data units) and an anomaly flag.")
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file (.flow)")
    Path modelFile;

    @Option(names = "--data", required = true, description = "CSV with the model's columns")
    Path data;

    @Option(names = "--out", required = true, description = "CSV to write: row, log_density, anomaly, out_of_range, "
            + "range_excess_sd, range_column")
    Path out;

    @Option(names = "--percentile", defaultValue = "1.0",
            description = "flag rows whose log-density is below this percentile of the training rows' (default: ${DEFAULT-VALUE})")
    double percentile;

    @Mixin
    CsvOptions csv;

    @Mixin
    RangeOptions range;

    @Override
    public Integer call() throws Exception {
        csv.mode();
        ThreadPolicy.apply();
        DensityModel model = ModelFiles.load(modelFile);
        double threshold = model.threshold(percentile);
        Table table = Columns.byName(data, csv.read(data), model.columns(), model.positionalWidth());
        long start = System.nanoTime();
        double[] logp = model.logProb(table).toDoubleVector();
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainingRange.Excess excess = model.excess(table, range.margin());
        long flagged = java.util.Arrays.stream(logp).filter(v -> v < threshold).count();
        AtomicFiles.writeCsv(out, List.of("row", "log_density", "anomaly", "out_of_range", "range_excess_sd",
                "range_column"), printer -> {
                    for (int i = 0; i < logp.length; i++) {
                        boolean outside = excess != null && excess.outside(i);
                        printer.printRecord(i + 1, logp[i], logp[i] < threshold ? 1 : 0,
                                excess == null ? "" : outside ? 1 : 0, excess == null ? "" : excess.sd()[i],
                                excess == null || excess.column()[i] < 0 ? "" : model.columns().get(excess.column()[i]));
                    }
                });
        System.out.printf("scored %d rows in %.3f s (%.0f rows/s); %d below the training %.2f%% threshold "
                + "(log-density %.4f); %s; written to %s%n", logp.length, seconds, logp.length / seconds, flagged,
                percentile, threshold, NllReport.outOfRange(NllSummary.of(negated(logp), excess, model.columns())), out);
        return 0;
    }

    private static double[] negated(double[] logp) {
        return java.util.Arrays.stream(logp).map(v -> -v).toArray();
    }
}
