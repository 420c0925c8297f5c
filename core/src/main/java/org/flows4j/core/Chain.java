package org.flows4j.core;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The composition of bijectors applied <b>left to right</b>: {@code Chain.of(a, b, c).forward(x) = c(b(a(x)))}.
 *
 * <p>Its log-det is the sum of the parts', each at its own input:
 * {@code log|det J| = Σ_k log|det J_k(x_{k-1})|}. Note that TensorFlow Probability's {@code tfb.Chain} applies its
 * list right to left; here the first bijector listed is the first applied to the data.
 */
public final class Chain implements Bijector, Composite {
    private final List<Bijector> parts;
    private final boolean scoped;
    private final boolean checkpointed;

    private Chain(List<Bijector> parts, boolean scoped, boolean checkpointed) {
        this.parts = List.copyOf(parts);
        this.scoped = scoped;
        this.checkpointed = checkpointed;
    }

    private Chain(List<Bijector> parts) {
        this(parts, false, false);
    }

    /**
     * This chain with each part run inside an ND4J memory workspace ({@link PartScope}): a part's temporaries live in
     * memory reused from call to call, and only its outputs are copied out (during a training step of a
     * {@link #checkpointed() checkpointed} chain, into reused carry buffers where the next part keeps nothing). For
     * large image layers this removes most allocation cost and keeps memory at one part's working set however long
     * the chain. The parts must not keep arrays allocated during a call beyond it.
     */
    public Chain scoped() {
        return new Chain(parts, true, checkpointed);
    }

    /** Whether each part runs inside its own memory workspace, as set by {@link #scoped()}. */
    public boolean isScoped() {
        return scoped;
    }

    /**
     * This chain keeping the inputs of its parts during a training step ({@link Checkpoints}), so that its backward
     * pass hands each part the output it produced instead of one recomputed through all the parts after it. In
     * float32 a deep chain's recomputed inputs drift — a factor-out's prior {@code x₂ = μ(x₁) + σ(x₁)·ε} amplifies
     * an error in x₁ into x₂ — and with them the gradients; the cost is one copy of a kept input (for Glow on 32×32
     * images, a few MB per step), not the parts' hidden activations, so memory stays nearly flat in depth. A part
     * with a {@link Bijector#stableInverse() stable inverse} keeps nothing: its backward pass recomputes its input to
     * within rounding, and the error does not compound because the next kept input is at most a few such parts away.
     * Every other part (a coupling, a factor-out, a nested chain) has its input kept.
     */
    public Chain checkpointed() {
        return new Chain(parts, scoped, true);
    }

    /** Whether parts' inputs are kept for the backward pass, as set by {@link #checkpointed()}. */
    public boolean isCheckpointed() {
        return checkpointed;
    }

    /** The chain applying {@code parts} in the order given, the first to the data; neither scoped nor checkpointed. */
    public static Chain of(Bijector... parts) {
        return new Chain(List.of(parts));
    }

    /** The chain applying the bijectors of {@code parts} in list order, neither scoped nor checkpointed. */
    public static Chain of(List<? extends Bijector> parts) {
        return new Chain(new ArrayList<>(parts));
    }

    /** The bijectors of this chain in the order they are applied to the data, as an unmodifiable list. */
    @Override
    public List<Bijector> parts() {
        return parts;
    }

    /**
     * The parts' event shapes folded left to right; a part that refuses its input is named with its position, e.g.
     * {@code part 2 of 5: Coupling: expected arrays of shape [N, 4], got [N, 5]}.
     */
    @Override
    public long[] forwardEventShape(long[] inputShape) {
        long[] shape = inputShape;
        for (int k = 0; k < parts.size(); k++) {
            shape = partShape(k, shape, true);
        }
        return shape;
    }

    /** The parts' inverse event shapes folded right to left, failing as {@link #forwardEventShape} does. */
    @Override
    public long[] inverseEventShape(long[] outputShape) {
        long[] shape = outputShape;
        for (int k = parts.size() - 1; k >= 0; k--) {
            shape = partShape(k, shape, false);
        }
        return shape;
    }

    private long[] partShape(int k, long[] shape, boolean forward) {
        try {
            return forward ? parts.get(k).forwardEventShape(shape) : parts.get(k).inverseEventShape(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("part " + (k + 1) + " of " + parts.size() + ": " + e.getMessage(), e);
        }
    }

    /** Checks a batch given to {@code method}: its event shape through every part, and the parameters' data type. */
    private void check(String method, INDArray x, boolean forward) {
        String where = "Chain." + method;
        long[] event = Shapes.eventShape(where, x);
        try {
            if (forward) {
                forwardEventShape(event);
            } else {
                inverseEventShape(event);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": input of shape " + java.util.Arrays.toString(x.shape())
                    + " does not fit: " + e.getMessage(), e);
        }
        Shapes.requireType(where, x, Shapes.commonType(where, parameters()));
    }

    @Override
    public Transformed forwardWithLogDet(INDArray x) {
        check("forwardWithLogDet", x, true);
        INDArray h = x;
        INDArray logDet = null;
        for (int k = 0; k < parts.size(); k++) {
            Bijector b = parts.get(k);
            INDArray in = h;
            if (keepsInput(b)) {
                Checkpoints.save(this, in);
            }
            // Inside a training step, an output that the next part of a checkpointed chain consumes without keeping
            // it goes through the chain's carry buffers instead of staying in the step's memory until the step ends.
            boolean handOn = checkpointed && k + 1 < parts.size() && !keepsInput(parts.get(k + 1));
            int index = k;
            Transformed t = scoped ? PartScope.run(() -> b.forwardWithLogDet(in), (r, parent) -> new Transformed(
                            handOn ? carryOrCopyOut(CarryBuffers.Role.OUTPUT, index + 1, r.output(), parent)
                                    : PartScope.copyOut(r.output(), parent),
                            PartScope.copyOut(r.logDet(), parent)))
                    : b.forwardWithLogDet(in);
            if (!Shapes.onePerSample(t.logDet(), x.size(0))) {
                Shapes.requireLogDet("Chain: part " + (k + 1) + " of " + parts.size() + " ("
                        + b.getClass().getSimpleName() + ")", t.logDet(), x.size(0));
            }
            h = t.output();
            logDet = logDet == null ? t.logDet().dup() : logDet.addi(t.logDet());
        }
        return new Transformed(h, logDet == null ? Nd4j.zeros(x.dataType(), x.size(0)) : logDet);
    }

    @Override
    public INDArray inverse(INDArray y) {
        check("inverse", y, false);
        INDArray h = y;
        for (int k = parts.size() - 1; k >= 0; k--) {
            Bijector b = parts.get(k);
            INDArray in = h;
            h = scoped ? PartScope.run(() -> b.inverse(in), PartScope::copyOut) : b.inverse(in);
        }
        return h;
    }

    @Override
    public Backward backward(INDArray y, INDArray gradOutput, INDArray gradLogDet) {
        check("backward", y, false);
        Shapes.requireGradients("Chain.backward", y, gradOutput, gradLogDet);
        INDArray h = y;
        INDArray g = gradOutput;
        for (int k = parts.size() - 1; k >= 0; k--) {
            Bijector part = parts.get(k);
            INDArray in = h;
            INDArray grad = g;
            INDArray saved = keepsInput(part) ? Checkpoints.take(this) : null;
            // With the input saved, the recomputed one is dropped inside the part's scope instead of copied out.
            // Between parts, inside a training step, the recomputed input and the gradient go through the chain's
            // carry buffers; the first part's, which the chain returns, are not put in a carry buffer.
            int index = k;
            Backward b = scoped ? PartScope.run(() -> part.backward(in, grad, gradLogDet),
                    (r, parent) -> new Backward(
                            saved != null ? null : carryOrCopyOut(CarryBuffers.Role.INPUT, index, r.input(), parent),
                            carryOrCopyOut(CarryBuffers.Role.GRADIENT, index, r.gradInput(), parent)))
                    : part.backward(in, grad, gradLogDet);
            h = saved != null ? saved : b.input();
            g = b.gradInput();
        }
        return new Backward(h, g);
    }

    /**
     * Whether this chain keeps {@code part}'s input during a training step: the one test the forward pass's saves and
     * the backward pass's takes share, so that the two stay in step.
     */
    private boolean keepsInput(Bijector part) {
        return checkpointed && !part.stableInverse();
    }

    private INDArray carryOrCopyOut(CarryBuffers.Role role, int k, INDArray value, MemoryWorkspace parent) {
        INDArray carried = k > 0 && value != null ? CarryBuffers.carry(this, role, k, value) : null;
        return carried != null ? carried : PartScope.copyOut(value, parent);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Bijector b : parts) {
            all.addAll(b.parameters());
        }
        return all;
    }

    @Override
    public String toString() {
        return (scoped ? "ScopedChain" : "Chain") + (checkpointed ? "(checkpointed)" : "") + parts;
    }
}
