package org.flows4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flows4j.cli.progress.ProgressBars;
import org.flows4j.core.MemoryRegime;
import org.flows4j.data.DataFormatException;
import org.flows4j.images.CurvePoint;
import org.flows4j.images.ImageModel;
import org.flows4j.images.ImageSet;
import org.flows4j.images.ImageTrainer;
import org.flows4j.images.ImageTrainingConfig;
import org.flows4j.io.AtomicFiles;
import org.flows4j.io.ImageModelFiles;
import org.flows4j.models.ImageFlow;
import org.flows4j.training.BackendReport;
import org.flows4j.training.LearningRateSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains an image flow (Glow by default) on Fashion-MNIST or a folder of images, with checkpoints and resume. */
@Command(name = "train-images", description = "Train Glow, RealNVP or NICE on images; checkpoints, --resume, bits/dim.")
final class TrainImagesCommand implements Callable<Integer> {
    @Mixin
    ImageDataOptions dataOptions;

    @Mixin
    ImageModelOptions modelOptions;

    @Option(names = "--steps", defaultValue = "1500", description = "optimizer steps in all (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--batch", defaultValue = "64", description = "images per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "learning rate after warm-up (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam | adamax (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--beta2", defaultValue = "0.999",
            description = "Adam's / Adamax's second-moment decay β₂, in (0, 1) (default: ${DEFAULT-VALUE})")
    double beta2;

    @Option(names = "--warmup", defaultValue = "200", description = "linear warm-up steps (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--schedule", defaultValue = "constant",
            description = "after the warm-up: constant | cosine (decay to 0 at the last step) | wsd (constant, then a "
                    + "linear decay to 0 over the last --decay-fraction of the steps) (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--decay-fraction", defaultValue = "0.25",
            description = "share of the steps a wsd schedule spends decaying, in (0, 1] (default: ${DEFAULT-VALUE})")
    double decayFraction;

    @Option(names = "--memory", defaultValue = "fast",
            description = "fast (couplings keep their networks' activations for the backward pass) | lean (they "
                    + "recompute them: memory nearly flat in depth, slower) (default: ${DEFAULT-VALUE})")
    MemoryRegime memory;

    @Option(names = "--clip", defaultValue = "50", description = "gradient L2-norm clip, 0 = off (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--test-every", defaultValue = "250", description = "steps between test evaluations (default: ${DEFAULT-VALUE})")
    int testEvery;

    @Option(names = "--test-images", defaultValue = "1000",
            description = "test images in periodic evaluations (default: ${DEFAULT-VALUE}, or all when the test split "
                    + "has fewer)")
    int testImages;

    @Option(names = "--final-test", defaultValue = "true", negatable = true,
            description = "evaluate on the whole test split at the end (default: ${DEFAULT-VALUE})")
    boolean finalTest;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--seed", defaultValue = "0", description = "seed of data order and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--double", description = "train in float64 (default float32)")
    boolean float64;

    @Option(names = "--out", required = true, description = "model / checkpoint file to write (.flow)")
    Path out;

    @Option(names = "--resume", description = "continue from the checkpoint at --out")
    boolean resume;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        ImageTrainingConfig.Optimizer rule = switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "adam" -> ImageTrainingConfig.Optimizer.ADAM;
            case "adamax" -> ImageTrainingConfig.Optimizer.ADAMAX;
            default -> throw new IllegalArgumentException("--optimizer must be adam or adamax, got '" + optimizer + "'");
        };
        OptionRules.number("--clip", clip);
        dataOptions.check();
        ImageModel model = resume ? checkpoint() : null;
        if (!resume) {
            modelOptions.checkApplicable();
            // the architectures' own checks do not depend on the channel count: run them before the data are read
            modelOptions.build(new long[] {1, dataOptions.size, dataOptions.size});
        }
        int nBits = resume ? model.nBits() : dataOptions.nBits;
        ImageTrainingConfig config = ImageTrainingConfig.builder().steps(steps).batchSize(batch)
                .learningRate(learningRate).optimizer(rule).beta2(beta2).warmupSteps(warmup)
                .schedule(LearningRateSchedule.Kind.parse(schedule)).decayFraction(decayFraction).clipNorm(clip)
                .memoryRegime(memory).testEvery(testEvery).testImages(testImages).checkpointEvery(checkpointEvery)
                .nBits(nBits).seed(seed).build();
        ThreadPolicy.apply();
        AtomicFiles.checkWritable(out);
        System.out.println(BackendReport.current().oneLine());
        ImageSet train = dataOptions.load(true);
        ImageSet test = dataOptions.load(false);
        if (new OptionRules(command).given("--test-images") && testImages > test.count()) {
            throw new IllegalArgumentException("--test-images " + testImages + ": the test split has " + test.count()
                    + " images");
        }
        if (batch > train.count()) {
            throw new IllegalArgumentException("--batch " + batch + ": the training split has " + train.count()
                    + " images");
        }
        if (resume) {
            if (!java.util.Arrays.equals(train.eventShape(), model.spec().eventShape())) {
                throw new IllegalArgumentException("--size " + dataOptions.size + ": the checkpoint's model takes "
                        + shape(model.spec().eventShape()) + " images, the data are " + shape(train.eventShape()));
            }
            System.out.printf(Locale.ROOT, "resuming %s from step %d%n", out, model.step());
        } else {
            model = ImageModel.create(modelOptions.build(train.eventShape()), nBits);
            model.flow().convertTo(float64 ? DataType.DOUBLE : DataType.FLOAT);
        }
        int startStep = model.step();
        System.out.printf(Locale.ROOT, "%s: %d parameters; %d training, %d test images of %dx%dx%d, %d bits%n",
                model.spec(), model.flow().parameters().stream().mapToLong(p -> p.length()).sum(), train.count(),
                test.count(), train.channels(), train.height(), train.width(), model.nBits());
        ImageTrainer.Result result;
        try (ProgressBars bars = ProgressBars.of(!quiet)) {
            result = new ImageTrainer(config).train(model, train, test, ImageModelFiles.checkpointTo(out),
                    bars.images(model.step(), p -> System.out.printf(Locale.ROOT, "step %5d  train %.4f bits/dim  "
                            + "test %.4f bits/dim  %.1f img/s  %.0f s  |grad| %.3g (%.0f%% clipped)%n", p.step(),
                            p.trainBitsPerDim(), p.testBitsPerDim(), p.imagesPerSecond(), p.seconds(),
                            p.gradientNorm(), 100 * p.clippedShare())));
        }
        writeCurve(model);
        if (result.outcome() == ImageTrainer.Outcome.NON_FINITE) {
            System.err.println("flows: stopped: " + result.message());
            return 3;
        }
        if (finalTest) {
            double bpd = ImageTrainer.testBitsPerDim(model, test);
            System.out.printf(Locale.ROOT, "test bits/dim over all %d test images after %d steps: %.4f (%.0f s of training)%n",
                    test.count(), model.step(), bpd, model.seconds());
        }
        System.out.println(model.step() > startStep ? "wrote " + out
                : out + " was already at step " + startStep + "; nothing left to train");
        return 0;
    }

    /**
     * The checkpoint at {@code --out}, which the options must agree with: its data type ({@code --double}), a step
     * not past {@code --steps}, and the architecture and pixel depth of any architecture option or {@code --n-bits}
     * given (the whole original command line with {@code --resume} added is accepted; another value is refused).
     */
    private ImageModel checkpoint() {
        if (!Files.isRegularFile(out)) {
            throw new DataFormatException(out + ": no checkpoint to resume from");
        }
        ImageModel model = ImageModelFiles.load(out);
        if (float64 && model.flow().dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("--double: the checkpoint " + out + " holds a "
                    + model.flow().dataType() + " model; resume without --double");
        }
        if (steps < model.step()) {
            throw new IllegalArgumentException("--steps " + steps + ": the checkpoint " + out + " is at step "
                    + model.step() + " already");
        }
        OptionRules rules = new OptionRules(command);
        if (rules.anyGiven(command.mixins().get("modelOptions"))) {
            modelOptions.checkApplicable();
            ImageFlow described = modelOptions.build(model.spec().eventShape());
            if (!described.equals(model.spec())) {
                throw new IllegalArgumentException("--resume: the options describe " + described + ", the checkpoint "
                        + out + " holds " + model.spec() + "; give its options or none");
            }
        }
        if (rules.given("--n-bits") && dataOptions.nBits != model.nBits()) {
            throw new IllegalArgumentException("--n-bits " + dataOptions.nBits + ": the checkpoint " + out
                    + " models " + model.nBits() + "-bit pixels");
        }
        return model;
    }

    private static String shape(long[] s) {
        return s[0] + "x" + s[1] + "x" + s[2];
    }

    private void writeCurve(ImageModel model) throws java.io.IOException {
        Path csv = out.resolveSibling(out.getFileName() + ".curve.csv");
        List<CurvePoint> curve = model.curve();
        AtomicFiles.writeCsv(csv, List.of("step", "train_bits_per_dim", "test_bits_per_dim", "seconds", "images_per_second",
                "gradient_norm", "clipped_share"), printer -> {
                    for (CurvePoint p : curve) {
                        printer.printRecord(p.step(), p.trainBitsPerDim(), p.testBitsPerDim(), p.seconds(),
                                p.imagesPerSecond(), p.gradientNorm(), p.clippedShare());
                    }
                });
    }
}
