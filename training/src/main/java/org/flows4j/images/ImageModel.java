package org.flows4j.images;

import java.util.ArrayList;
import java.util.List;
import org.flows4j.core.Flow;
import org.flows4j.models.ImageFlow;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained (or training) image flow: its architecture, the built {@link Flow}, the pixel depth it models, and the
 * training state a checkpoint keeps so that a run resumes exactly — the step reached, the curve so far, the wall
 * time spent and the optimizer's moment estimates.
 */
public final class ImageModel {
    private final ImageFlow spec;
    private final Flow flow;
    private final int nBits;
    private final List<CurvePoint> curve = new ArrayList<>();
    private int step;
    private double seconds;
    private INDArray optimizerState;

    public ImageModel(ImageFlow spec, Flow flow, int nBits) {
        this.spec = spec;
        this.flow = flow;
        this.nBits = nBits;
    }

    /** A new, untrained model of the architecture. */
    public static ImageModel create(ImageFlow spec, int nBits) {
        return new ImageModel(spec, spec.flow(), nBits);
    }

    public ImageFlow spec() {
        return spec;
    }

    public Flow flow() {
        return flow;
    }

    public int nBits() {
        return nBits;
    }

    public Dequantization dequantization() {
        return new Dequantization(nBits);
    }

    public List<CurvePoint> curve() {
        return curve;
    }

    public int step() {
        return step;
    }

    public double seconds() {
        return seconds;
    }

    public INDArray optimizerState() {
        return optimizerState;
    }

    /** Records the training state after {@code step} optimizer steps. */
    public void advance(int step, double seconds, INDArray optimizerState) {
        this.step = step;
        this.seconds = seconds;
        this.optimizerState = optimizerState;
    }

    /** The number of pixels per image, D = C·H·W. */
    public long dims() {
        long[] s = spec.eventShape();
        return s[0] * s[1] * s[2];
    }
}
