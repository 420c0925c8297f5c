package org.flows4j.cli;

import org.flows4j.models.Glow;
import org.flows4j.models.ImageFlow;
import org.flows4j.models.NiceImage;
import org.flows4j.models.RealNvpImage;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The image architecture and its sizes. */
final class ImageModelOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--flow", defaultValue = "glow", description = "glow | realnvp | nice (default: ${DEFAULT-VALUE})")
    String flow;

    @Option(names = {"-L", "--levels"}, defaultValue = "3", description = "Glow levels / RealNVP scales (default: ${DEFAULT-VALUE})")
    int levels;

    @Option(names = {"-K", "--steps-per-level"}, defaultValue = "8",
            description = "Glow steps of flow per level (default: ${DEFAULT-VALUE})")
    int stepsPerLevel;

    @Option(names = "--width", defaultValue = "128",
            description = "channels of the conditioners' hidden convolutions (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--coupling", defaultValue = "affine", description = "Glow coupling: affine | additive (default: ${DEFAULT-VALUE})")
    String coupling;

    @Option(names = "--permutation", defaultValue = "conv1x1-lu",
            description = "Glow channel mixing: reverse | shuffle | conv1x1 | conv1x1-lu (default: ${DEFAULT-VALUE})")
    String permutation;

    @Option(names = "--no-learn-top", description = "standard normal top prior instead of Glow's learned one")
    boolean noLearnTop;

    @Option(names = "--actnorm-factor", defaultValue = "3",
            description = "Glow ActNorm log-scale factor f in s = f·θ; 3 as in Glow's code, 1 is the plain form "
                    + "(default: ${DEFAULT-VALUE})")
    double actNormFactor;

    @Option(names = "--scale-floor", defaultValue = "0",
            description = "Glow affine couplings: floor ε in s = ε + (1 − ε)·sigmoid(a + 2), in [0, 1); bounds the "
                    + "inverse's error growth (default: ${DEFAULT-VALUE}, Glow's form)")
    double scaleFloor;

    @Option(names = "--blocks", defaultValue = "2", description = "RealNVP residual blocks per conditioner (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--model-seed", defaultValue = "0", description = "seed of the initial weights and shuffles (default: ${DEFAULT-VALUE})")
    long seed;

    static Glow.Coupling coupling(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "affine" -> Glow.Coupling.AFFINE;
            case "additive" -> Glow.Coupling.ADDITIVE;
            default -> throw new IllegalArgumentException("--coupling must be affine or additive, got '" + s + "'");
        };
    }

    static Glow.Permutation permutation(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "reverse" -> Glow.Permutation.REVERSE;
            case "shuffle" -> Glow.Permutation.SHUFFLE;
            case "conv1x1" -> Glow.Permutation.CONV1X1;
            case "conv1x1-lu", "lu" -> Glow.Permutation.CONV1X1_LU;
            default -> throw new IllegalArgumentException(
                    "--permutation must be reverse, shuffle, conv1x1 or conv1x1-lu, got '" + s + "'");
        };
    }

    /** Refuses an option of another family (or of the other coupling) given on the command line. */
    void checkApplicable() {
        String family = flow.toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of("glow", "realnvp", "nice").contains(family)) {
            throw new IllegalArgumentException("--flow must be glow, realnvp or nice, got '" + flow + "'");
        }
        OptionRules rules = new OptionRules(command);
        String got = "--flow " + flow;
        rules.onlyWith(family.equals("glow"), "--flow glow", got, "--steps-per-level", "--coupling", "--permutation",
                "--no-learn-top", "--actnorm-factor", "--scale-floor");
        rules.onlyWith(family.equals("realnvp"), "--flow realnvp", got, "--blocks");
        rules.onlyWith(!family.equals("nice"), "--flow glow or realnvp", got, "--levels");
        rules.onlyWith(coupling(coupling) == Glow.Coupling.AFFINE, "--coupling affine", "--coupling " + coupling,
                "--scale-floor");
    }

    /** The architecture these options describe for images of {@code eventShape}. */
    ImageFlow build(long[] eventShape) {
        int c = (int) eventShape[0];
        int h = (int) eventShape[1];
        int w = (int) eventShape[2];
        return switch (flow.toLowerCase(java.util.Locale.ROOT)) {
            case "glow" -> Glow.builder(c, h, w).levels(levels).steps(stepsPerLevel).hidden(width)
                    .coupling(coupling(coupling)).permutation(permutation(permutation)).learnTop(!noLearnTop)
                    .actNormFactor(actNormFactor).scaleFloor(scaleFloor).seed(seed).build();
            case "realnvp" -> RealNvpImage.builder(c, h, w).scales(levels).hidden(width).blocks(blocks).seed(seed).build();
            case "nice" -> NiceImage.builder(c, h, w).hidden(width * 8, width * 8, width * 8, width * 8).seed(seed).build();
            default -> throw new IllegalArgumentException("--flow must be glow, realnvp or nice, got '" + flow + "'");
        };
    }
}
