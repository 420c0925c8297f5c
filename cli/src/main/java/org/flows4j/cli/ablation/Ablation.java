package org.flows4j.cli.ablation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flows4j.cli.progress.ProgressBars;
import org.flows4j.images.CurvePoint;
import org.flows4j.images.ImageModel;
import org.flows4j.images.ImageSet;
import org.flows4j.images.ImageTrainer;
import org.flows4j.io.ImageModelFiles;
import org.flows4j.models.Glow;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Glow paper's permutation ablation (its Figure 3): for each seed, the six runs reverse | shuffle | 1×1
 * convolution × additive | affine coupling, with everything else identical — data order and noise from the seed,
 * conditioner weights from the seed, the same step budget. Each run checkpoints into its own file and a run found
 * finished is read back rather than repeated, so an interrupted ablation resumes where it stopped.
 */
public final class Ablation {
    /** The permutations compared, in run order: reverse, shuffle, invertible 1×1 convolution. */
    public static final List<Glow.Permutation> PERMUTATIONS = List.of(Glow.Permutation.REVERSE,
            Glow.Permutation.SHUFFLE, Glow.Permutation.CONV1X1);
    /** The couplings compared, in run order: additive, affine. */
    public static final List<Glow.Coupling> COUPLINGS = List.of(Glow.Coupling.ADDITIVE, Glow.Coupling.AFFINE);

    private final AblationPreset preset;
    private final Path folder;
    private final boolean progressBar;

    /**
     * An ablation with the settings of {@code preset}, keeping one checkpoint per run under {@code folder/runs},
     * with a console progress bar per run when {@code progressBar}.
     */
    public Ablation(AblationPreset preset, Path folder, boolean progressBar) {
        this.preset = preset;
        this.folder = folder;
        this.progressBar = progressBar;
    }

    /** One finished run: its variant, seed, curve and training wall time. */
    public record Run(Glow.Coupling coupling, Glow.Permutation permutation, long seed, List<CurvePoint> curve,
                      double seconds) {

        /** The test bits/dim of the last curve point; the curve must not be empty. */
        public double finalTestBitsPerDim() {
            return curve.get(curve.size() - 1).testBitsPerDim();
        }

        /** The run's name and checkpoint file stem, lower case, e.g. {@code affine-conv1x1-seed0}. */
        public String name() {
            return name(coupling, permutation, seed);
        }

        static String name(Glow.Coupling coupling, Glow.Permutation permutation, long seed) {
            return (coupling.name() + "-" + permutation.name() + "-seed" + seed).toLowerCase(Locale.ROOT);
        }
    }

    /** Runs (or resumes, or reads back) every variant for every seed, in seed-major order. */
    public List<Run> run(ImageSet train, ImageSet test, List<Long> seeds) throws IOException {
        Files.createDirectories(folder.resolve("runs"));
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            for (Glow.Coupling coupling : COUPLINGS) {
                for (Glow.Permutation permutation : PERMUTATIONS) {
                    runs.add(runOne(train, test, coupling, permutation, seed));
                }
            }
        }
        return runs;
    }

    private Run runOne(ImageSet train, ImageSet test, Glow.Coupling coupling, Glow.Permutation permutation, long seed)
            throws IOException {
        Path checkpoint = folder.resolve("runs").resolve(Run.name(coupling, permutation, seed) + ".flow");
        ImageModel model;
        if (Files.isRegularFile(checkpoint)) {
            model = ImageModelFiles.load(checkpoint);
        } else {
            Glow spec = Glow.builder(train.channels(), train.height(), train.width()).levels(preset.levels())
                    .steps(preset.stepsPerLevel()).hidden(preset.width()).coupling(coupling).permutation(permutation)
                    .actNormFactor(preset.actNormFactor()).seed(seed).build();
            model = ImageModel.create(spec, 8);
        }
        String name = Run.name(coupling, permutation, seed);
        if (model.step() < preset.steps()) {
            System.out.printf(Locale.ROOT, "%s: %s from step %d%n", name, model.step() == 0 ? "training" : "resuming",
                    model.step());
            ImageTrainer.Result r;
            try (ProgressBars bars = ProgressBars.of(progressBar)) {
                r = new ImageTrainer(preset.config(seed)).train(model, train, test,
                        ImageModelFiles.checkpointTo(checkpoint), bars.images(model.step(),
                        p -> System.out.printf(Locale.ROOT, "  %s step %d: train %.4f, test %.4f bits/dim%n", name,
                                p.step(), p.trainBitsPerDim(), p.testBitsPerDim())));
            }
            if (r.outcome() != ImageTrainer.Outcome.FINISHED) {
                System.out.println("  " + name + ": " + r.message());
            }
        } else {
            System.out.printf(Locale.ROOT, "%s: finished earlier (%d steps), read back%n", name, model.step());
        }
        return new Run(coupling, permutation, seed, List.copyOf(model.curve()), model.seconds());
    }
}
