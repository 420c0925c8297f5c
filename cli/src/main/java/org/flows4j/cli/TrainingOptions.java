package org.flows4j.cli;

import java.util.List;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Mask;
import org.flows4j.cli.progress.ProgressBars;
import org.flows4j.models.RealNvp;
import org.flows4j.training.LearningRateSchedule;
import org.flows4j.training.TabularModel;
import org.flows4j.training.TrainingConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Model and training options shared by the commands that fit tabular flows. */
final class TrainingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--flow", description = "nice or realnvp (default: ${DEFAULT-VALUE})", defaultValue = "realnvp")
    String flow;

    @Option(names = "--layers", description = "coupling layers (default: 8 for realnvp, 4 for nice)")
    Integer layers;

    @Option(names = "--hidden", split = ",", description = "hidden widths of each MLP (default: ${DEFAULT-VALUE})",
            defaultValue = "128,128")
    List<Integer> hidden;

    @Option(names = "--mask", description = "half or alternating (default: alternating for nice, half for realnvp)")
    String mask;

    @Option(names = "--mixing", defaultValue = "shuffle",
            description = "realnvp: flip, reverse or shuffle between couplings (default: ${DEFAULT-VALUE})")
    String mixing;

    @Option(names = "--scale", defaultValue = "exp-tanh:3",
            description = "realnvp scale: exp-tanh:B (log s = B·tanh(h/B)) or sigmoid (Glow's) (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--actnorm", description = "realnvp: an ActNorm layer before every coupling")
    boolean actNorm;

    @Option(names = "--curve", description = "print the validation NLL of every epoch")
    boolean curve;

    @Option(names = "--epochs", defaultValue = "20", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "256", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--schedule", defaultValue = "cosine",
            description = "learning rate after warm-up: constant, cosine (decay to 0) or wsd (constant, then a linear "
                    + "decay to 0 over the last quarter) (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--clip", defaultValue = "100", description = "gradient-norm clip (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--seed", defaultValue = "0", description = "seed for weights and batch order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-progress", description = "hide the progress bar")
    boolean noProgress;

    TabularModel model() {
        TabularModel.Kind kind = switch (flow.toLowerCase(java.util.Locale.ROOT)) {
            case "nice" -> TabularModel.Kind.NICE;
            case "realnvp" -> TabularModel.Kind.REALNVP;
            default -> throw new IllegalArgumentException("--flow must be nice or realnvp, got '" + flow + "'");
        };
        new OptionRules(command).onlyWith(kind == TabularModel.Kind.REALNVP, "--flow realnvp", "--flow " + flow,
                "--mixing", "--scale", "--actnorm");
        int n = layers != null ? OptionRules.atLeastOne("--layers", layers) : kind == TabularModel.Kind.NICE ? 4 : 8;
        TabularModel defaults = new TabularModel(kind, n, hidden, seed);
        Mask.Kind maskKind = mask == null ? defaults.mask() : switch (mask.toLowerCase(java.util.Locale.ROOT)) {
            case "half" -> Mask.Kind.HALF;
            case "alternating" -> Mask.Kind.ALTERNATING;
            default -> throw new IllegalArgumentException("--mask must be half or alternating, got '" + mask + "'");
        };
        RealNvp.Mixing mix = switch (mixing.toLowerCase(java.util.Locale.ROOT)) {
            case "flip" -> RealNvp.Mixing.FLIP;
            case "reverse" -> RealNvp.Mixing.REVERSE;
            case "shuffle" -> RealNvp.Mixing.SHUFFLE;
            default -> throw new IllegalArgumentException("--mixing must be flip, reverse or shuffle, got '" + mixing + "'");
        };
        return new TabularModel(kind, n, hidden, maskKind, mix, couplingScale(), actNorm, seed);
    }

    private CouplingScale couplingScale() {
        String s = scale.toLowerCase(java.util.Locale.ROOT);
        if (s.equals("sigmoid")) {
            return CouplingScale.sigmoid();
        }
        if (s.startsWith("exp-tanh:")) {
            try {
                return CouplingScale.expTanh(Double.parseDouble(s.substring("exp-tanh:".length())));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("--scale must be exp-tanh:B (B > 0) or sigmoid, got '" + scale + "'");
    }

    TrainingConfig config() {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + lr);
        }
        OptionRules.number("--clip", clip);
        return TrainingConfig.builder().epochs(epochs).batchSize(batch).learningRate(lr)
                .schedule(LearningRateSchedule.Kind.parse(schedule)).clipNorm(clip)
                .seed(seed).build();
    }

    /** Console progress bars for training, unless {@code --no-progress}. */
    ProgressBars progressBars() {
        return ProgressBars.of(!noProgress);
    }
}
