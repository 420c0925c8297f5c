package org.flows4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flows4j.io.AtomicFiles;
import org.flows4j.io.ModelFiles;
import org.flows4j.training.DensityModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Draws synthetic rows from a fitted model, with the original column names. */
@Command(name = "sample", description = "Draw synthetic rows from a model into a CSV with the original column names.")
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file (.flow)")
    Path modelFile;

    @Option(names = {"-n", "--rows"}, required = true, description = "number of rows")
    int rows;

    @Option(names = "--temperature", defaultValue = "1.0", description = "base temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, description = "CSV to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        ThreadPolicy.apply();
        if (rows < 1) {
            throw new IllegalArgumentException("-n must be at least 1, got " + rows);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("--temperature must be >= 0, got " + temperature);
        }
        DensityModel model = ModelFiles.load(modelFile);
        INDArray x = model.flow().sample(rows, temperature, seed).castTo(DataType.DOUBLE);
        double[][] values = x.toDoubleMatrix();
        AtomicFiles.writeCsv(out, model.columns(), printer -> {
            for (double[] row : values) {
                printer.printRecord(java.util.Arrays.stream(row).boxed().toArray());
            }
        });
        System.out.printf("wrote %d rows at temperature %.2f to %s%n", rows, temperature, out);
        return 0;
    }
}
