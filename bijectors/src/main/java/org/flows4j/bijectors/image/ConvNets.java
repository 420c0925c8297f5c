package org.flows4j.bijectors.image;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.nn.Conv2d;
import org.flows4j.bijectors.nn.Layer;
import org.flows4j.bijectors.nn.Residual;
import org.flows4j.bijectors.nn.Sequential;
import org.flows4j.bijectors.nn.ZeroConv2d;

/** The convolutional conditioners of the image flows. */
public final class ConvNets {
    /** Glow's initial weight standard deviation for its hidden convolutions. */
    private static final double GLOW_WEIGHT_STD = 0.05;

    private ConvNets() {
    }

    /**
     * Glow's coupling network: 3×3 conv + ActNorm → ReLU → 1×1 conv + ActNorm → ReLU (each ActNorm and its ReLU one
     * fused {@link ActNormLayer}) → zero-initialised 3×3 conv
     * scaled by {@code exp(3·s)} ({@link ZeroConv2d}); the ActNorms' log-scale factor is {@code actNormFactor}.
     */
    public static Sequential glow(int in, int width, int out, double actNormFactor, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        return Sequential.of(
                new Conv2d(in, width, 3, GLOW_WEIGHT_STD, false, seeds.nextLong()),
                new ActNormLayer(width, actNormFactor, true),
                new Conv2d(width, width, 1, GLOW_WEIGHT_STD, false, seeds.nextLong()),
                new ActNormLayer(width, actNormFactor, true),
                new ZeroConv2d(width, out, 3));
    }

    /**
     * RealNVP's residual coupling network, with ActNorm in place of batch normalisation: a 3×3 conv to {@code width}
     * channels, {@code blocks} residual blocks {@code x + conv(relu(norm(conv(relu(norm(x))))))}, then
     * norm → ReLU → zero-initialised 3×3 conv to {@code out} channels. Hidden weights are He-normal.
     */
    public static Sequential resnet(int in, int width, int blocks, int out, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        double inStd = Math.sqrt(2.0 / (9.0 * in));
        double hiddenStd = Math.sqrt(2.0 / (9.0 * width));
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(in, width, 3, inStd, true, seeds.nextLong()));
        for (int b = 0; b < blocks; b++) {
            layers.add(new Residual(Sequential.of(
                    new ActNormLayer(width, 1.0, true), new Conv2d(width, width, 3, hiddenStd, true, seeds.nextLong()),
                    new ActNormLayer(width, 1.0, true), new Conv2d(width, width, 3, hiddenStd, true, seeds.nextLong()))));
        }
        layers.add(new ActNormLayer(width, 1.0, true));
        layers.add(new ZeroConv2d(width, out, 3));
        return new Sequential(layers);
    }
}
