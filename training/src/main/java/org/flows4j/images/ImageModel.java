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

    /**
     * A model of architecture {@code spec} with its built {@code flow}, modelling pixels reduced to {@code nBits}
     * bits; the training state starts at step 0 with an empty curve and no optimizer state.
     */
    public ImageModel(ImageFlow spec, Flow flow, int nBits) {
        this.spec = spec;
        this.flow = flow;
        this.nBits = nBits;
    }

    /** A new, untrained model of the architecture. */
    public static ImageModel create(ImageFlow spec, int nBits) {
        return new ImageModel(spec, spec.flow(), nBits);
    }

    /** The architecture the flow was built from. */
    public ImageFlow spec() {
        return spec;
    }

    /** The flow itself, with its current weights. */
    public Flow flow() {
        return flow;
    }

    /** The pixel depth modelled, in bits per value. */
    public int nBits() {
        return nBits;
    }

    /** The pixel preprocessing for {@link #nBits()} bits. */
    public Dequantization dequantization() {
        return new Dequantization(nBits);
    }

    /** The training curve so far, oldest point first; the list is live, and training appends to it. */
    public List<CurvePoint> curve() {
        return curve;
    }

    /** The number of optimizer steps taken so far. */
    public int step() {
        return step;
    }

    /** The cumulative training wall time in seconds. */
    public double seconds() {
        return seconds;
    }

    /** The optimizer's state (its moment estimates) as a flat array, or null while none is recorded. */
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
