package org.flows4j.training;

import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Flow;
import org.flows4j.core.MemoryRegime;
import org.flows4j.core.ParameterVector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One maximum-likelihood optimizer step, the same for tables and images: zero the gradients, the mean NLL and its
 * gradient by the flow's invertible backward pass, the gradient's L2 norm ({@link Kernels#norm2}), and — unless the
 * loss or the norm is not finite, which leaves the parameters untouched — clip the gradient to {@code clipNorm} (when
 * > 0 and exceeded) and apply one update to the flow's parameters, laid out in one flat vector: Adam as one fused pass
 * ({@link Kernels#adamStep}, ND4J's arithmetic), any other rule (Adamax) through its ND4J updater.
 */
public final class OptimizerStep {
    private final Flow flow;
    private final ParameterVector params;
    private final GradientUpdater<?> updater;
    private final INDArray state;
    /** The updater when the rule is Adam, whose step runs as one fused kernel ({@link Kernels#adamStep}); else null. */
    private final AdamUpdater adam;
    private final double clipNorm;
    private final MemoryRegime regime;

    /**
     * Steps for {@code flow} (its parameters laid out in its own data type) with the update {@code rule}, from the
     * optimizer {@code state} of an earlier run ({@code null} for a fresh start), clipping the gradient norm at
     * {@code clipNorm} (≤ 0: no clipping).
     */
    public OptimizerStep(Flow flow, IUpdater rule, INDArray state, double clipNorm) {
        this(flow, rule, state, clipNorm, MemoryRegime.LEAN);
    }

    /** As {@link #OptimizerStep(Flow, IUpdater, INDArray, double)}, each step's backward pass in {@code regime}. */
    public OptimizerStep(Flow flow, IUpdater rule, INDArray state, double clipNorm, MemoryRegime regime) {
        if (regime == null) {
            throw new IllegalArgumentException("OptimizerStep: expected a memory regime, got null");
        }
        this.regime = regime;
        DataType type = flow.dataType();
        if (type == null) {
            throw new IllegalArgumentException("OptimizerStep: the flow has no parameters to train");
        }
        this.flow = flow;
        this.params = ParameterVector.of(flow.parameters(), type);
        boolean fresh = state == null;
        long size = Math.max(1, rule.stateSize(params.size()));
        if (!fresh && state.length() != size) {
            throw new IllegalArgumentException("OptimizerStep: expected an optimizer state of " + size
                    + " values, got " + state.length());
        }
        this.state = fresh ? Nd4j.zeros(type, 1, size) : state;
        this.updater = rule.instantiate(this.state, fresh);
        this.clipNorm = clipNorm;
        this.adam = updater instanceof AdamUpdater a ? a : null;
    }

    /**
     * What one step did: the batch's mean NLL (nats), the gradient's L2 norm before clipping, whether it was clipped,
     * and whether both were finite (when not, no update was made).
     *
     * @param loss         the batch's mean negative log-likelihood in nats
     * @param gradientNorm the L2 norm of the gradient before clipping
     * @param clipped      whether the gradient was scaled down to the clip norm
     * @param finite       whether the loss and the norm were finite, so that the update was applied
     */
    public record Result(double loss, double gradientNorm, boolean clipped, boolean finite) {
    }

    /** One step on {@code batch}; {@code iteration} and {@code epoch} drive the updater's learning-rate schedule. */
    public Result step(INDArray batch, int iteration, int epoch) {
        params.zeroGradients();
        double loss = flow.negativeLogLikelihoodBackward(batch, regime);
        double norm = Kernels.norm2(params.gradients());
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            return new Result(loss, norm, false, false);
        }
        boolean clip = clipNorm > 0 && norm > clipNorm;
        if (clip) {
            params.gradients().muli(clipNorm / norm);
        }
        if (adam != null) {
            Adam rule = adam.getConfig();
            Kernels.adamStep(params.values(), params.gradients(), adam.getM(), adam.getV(),
                    rule.getLearningRate(iteration, epoch), rule.getBeta1(), rule.getBeta2(), rule.getEpsilon(),
                    iteration);
        } else {
            updater.applyUpdater(params.gradients(), iteration, epoch);
            params.values().subi(params.gradients());
        }
        return new Result(loss, norm, clip, true);
    }

    /** The flow's parameters as one flat vector (to snapshot and restore the best epoch). */
    public ParameterVector parameters() {
        return params;
    }

    /** The updater's state (moments), to save with a checkpoint and resume from. */
    public INDArray state() {
        return state;
    }
}
