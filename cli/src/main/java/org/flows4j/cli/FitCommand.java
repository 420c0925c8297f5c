package org.flows4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.Standardization;
import org.flows4j.cli.progress.ProgressBars;
import org.flows4j.core.Flow;
import org.flows4j.data.Columns;
import org.flows4j.data.DataFormatException;
import org.flows4j.data.Table;
import org.flows4j.io.AtomicFiles;
import org.flows4j.io.ModelFiles;
import org.flows4j.training.BackendReport;
import org.flows4j.training.DensityModel;
import org.flows4j.training.TabularModel;
import org.flows4j.training.Trainer;
import org.flows4j.training.TrainingConfig;
import org.flows4j.training.TrainingReport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Fits a flow to a CSV file and saves it as a model file. */
@Command(name = "fit", description = "Fit a density (NICE or RealNVP) to a CSV file and save it as a .flow model.")
final class FitCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "training CSV (plain or gzipped; header detected)")
    Path data;

    @Option(names = "--valid", description = "validation CSV (default: a held-out part of --data)")
    Path valid;

    @Option(names = "--valid-fraction", defaultValue = "0.1",
            description = "share of --data held out for validation when --valid is absent (default: ${DEFAULT-VALUE})")
    double validFraction;

    @Option(names = "--columns", split = ",", description = "columns to model (default: all)")
    List<String> columns = List.of();

    @Option(names = "--exclude", split = ",", description = "columns to leave out")
    List<String> exclude = List.of();

    @Option(names = "--patience", defaultValue = "5",
            description = "stop after this many epochs without a better validation NLL; 0 = never (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--out", required = true, description = "model file to write (.flow)")
    Path out;

    @Mixin
    TrainingOptions options;

    @Mixin
    CsvOptions csv;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        new OptionRules(command).onlyWith(valid == null, "fits without --valid", "--valid " + valid,
                "--valid-fraction");
        csv.mode();
        TabularModel spec = options.model();
        TrainingConfig config = options.config().toBuilder().patience(patience).build();
        ThreadPolicy.apply();
        AtomicFiles.checkWritable(out);
        System.out.println(BackendReport.current().oneLine());
        Table train = Columns.select(data, csv.read(data), columns, exclude);
        Table validation;
        if (valid != null) {
            validation = Columns.byName(valid, csv.read(valid), train.columns(), train.positionalWidth());
        } else {
            Table[] split = split(train);
            train = split[0];
            validation = split[1];
        }
        int constant = Standardization.constantColumn(train.values());
        if (constant >= 0) {
            throw new DataFormatException(data + ": column " + (constant + 1) + " (" + train.columns().get(constant)
                    + ") is constant; it has no density to fit");
        }
        Flow flow = spec.build(train.values());
        DataType type = flow.dataType();
        TrainingReport report;
        try (ProgressBars bars = options.progressBars()) {
            report = new Trainer(config).fit(flow, train.values(type), validation.values(type), bars.tabular());
        }
        INDArray trainLogProb = flow.logProbInBatches(train.values(type), 8192);
        DensityModel model = DensityModel.of(spec, train, flow, trainLogProb);
        ModelFiles.save(model, out);
        int d = train.dim();
        double trainNll = -trainLogProb.meanNumber().doubleValue();
        System.out.printf("fitted %s on %d rows x %d columns; %d epochs%s, best epoch %d%n", spec, train.rows(), d,
                report.epochs().size(), report.stoppedEarly() ? " (stopped early)" : "", report.bestEpoch());
        System.out.printf("train NLL %.4f nats (%.4f per dim) | valid NLL %.4f nats (%.4f per dim)%n", trainNll,
                trainNll / d, report.bestValidNll(), report.bestValidNll() / d);
        if (options.curve) {
            Report.curve(report);
        }
        if (report.stoppedOnNonFiniteLoss()) {
            System.out.println("warning: training stopped on a non-finite loss; the last good parameters were kept");
        }
        System.out.println("model written to " + out);
        return 0;
    }

    /** Shuffles the rows (by --seed) and holds out the last --valid-fraction of them. */
    private Table[] split(Table t) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("--valid-fraction must be in (0, 1), got " + validFraction);
        }
        int n = t.rows();
        int nValid = Math.max(1, (int) Math.round(n * validFraction));
        if (n - nValid < 2) {
            throw new DataFormatException(data + ": only " + n + " rows; too few to fit and validate");
        }
        int[] order = Permutation.randomOrder(n, new SplittableRandom(options.seed ^ 0x9E3779B97F4A7C15L));
        INDArray shuffled = Nd4j.pullRows(t.values(), 1, order);
        INDArray tr = shuffled.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n - nValid)).dup();
        INDArray va = shuffled.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n - nValid, n)).dup();
        return new Table[] {t.withValues(t.columns(), tr.castTo(DataType.DOUBLE)),
            t.withValues(t.columns(), va.castTo(DataType.DOUBLE))};
    }
}
