package org.flows4j.cli.bench;

import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Parts;
import org.flows4j.models.Glow;

/**
 * The floating-point operations of one training step, counted from the layer shapes: a {@code k×k} convolution
 * from {@code C_in} to {@code C_out} channels on an {@code H×W} map costs {@code 2·k²·C_in·C_out·H·W} per image
 * forward (a multiply and an add per weight and pixel), a dense layer {@code 2·in·out} per row. A training step is
 * counted as three forward passes — the forward pass and the two products of the backward pass (input gradient,
 * weight gradient) — the usual convention; what a step spends beyond that (the lean regime's second forward pass of
 * each conditioner, inverses recomputed in the backward pass, element-wise work) is not counted as useful.
 */
public final class StepFlops {
    private StepFlops() {
    }

    /** Forward FLOPs per image of Glow's convolutions: conditioners, invertible 1×1 convolutions, split priors. */
    public static double glowForwardPerImage(Glow g) {
        double flops = 0;
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        boolean affine = g.coupling() == Glow.Coupling.AFFINE;
        boolean mixes = g.permutation() == Glow.Permutation.CONV1X1 || g.permutation() == Glow.Permutation.CONV1X1_LU;
        for (int level = 0; level < g.levels(); level++) {
            c *= 4;
            h /= 2;
            w /= 2;
            double pixels = (double) h * w;
            double step = 9.0 * (c / 2) * g.hidden() + (double) g.hidden() * g.hidden()
                    + 9.0 * g.hidden() * (affine ? c : c / 2) + (mixes ? (double) c * c : 0);
            flops += 2 * pixels * g.steps() * step;
            if (level + 1 < g.levels()) {
                flops += 2 * pixels * 9.0 * (c / 2) * c;
                c /= 2;
            }
        }
        return flops;
    }

    /** Forward FLOPs per row of every {@link Mlp} among {@code flow}'s parts ({@link Parts}). */
    public static double mlpForwardPerRow(Object flow) {
        double flops = 0;
        for (Mlp mlp : Parts.ofType(flow, Mlp.class)) {
            int[] widths = mlp.widths();
            for (int i = 0; i + 1 < widths.length; i++) {
                flops += 2.0 * widths[i] * widths[i + 1];
            }
        }
        return flops;
    }

    /** A training step's useful FLOPs: three forward passes' worth (see the class documentation). */
    public static double trainingStep(double forwardFlops) {
        return 3 * forwardFlops;
    }
}
