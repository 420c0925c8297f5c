package org.flows4j.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inputs kept from the forward pass of one training step, so that the backward pass need not recompute them:
 * {@link Bijector#backward} recomputes {@code x = f⁻¹(y)} from the output, and in float32 through many layers —
 * or through an inverse that amplifies rounding, like a factor-out's {@code x₂ = μ(x₁) + σ(x₁)·ε} — the recomputed
 * inputs, and with them the gradients, drift. A {@link Chain#checkpointed() checkpointed chain} {@link #save saves}
 * each part's input during the forward pass and {@link #take takes} it back in its backward pass.
 *
 * <p>Saving happens only while a session is {@link #open() open} on the current thread ({@link Flow} opens one
 * around each training step); elsewhere {@code save} does nothing and {@code take} returns null, and the input is
 * recomputed. Saved inputs are a last-in-first-out stack per owner, matching the reverse order of the backward
 * pass, and are copied outside every memory workspace.
 */
public final class Checkpoints implements AutoCloseable {
    private static final ThreadLocal<Checkpoints> ACTIVE = new ThreadLocal<>();
    private final Map<Object, Deque<INDArray>> saved = new IdentityHashMap<>();
    private final Checkpoints enclosing;

    private Checkpoints(Checkpoints enclosing) {
        this.enclosing = enclosing;
    }

    /** Opens a session on this thread; close it when the backward pass is done. */
    public static Checkpoints open() {
        Checkpoints session = new Checkpoints(ACTIVE.get());
        ACTIVE.set(session);
        return session;
    }

    /** Keeps a copy of {@code input} for {@code owner}'s backward pass, when a session is open. */
    public static void save(Object owner, INDArray input) {
        Checkpoints session = ACTIVE.get();
        if (session == null) {
            return;
        }
        INDArray copy;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copy = input.dup('c');
        }
        session.saved.computeIfAbsent(owner, k -> new ArrayDeque<>()).push(copy);
    }

    /** The input {@code owner} saved most recently and not yet taken, or null (then recompute it). */
    public static INDArray take(Object owner) {
        Checkpoints session = ACTIVE.get();
        if (session == null) {
            return null;
        }
        Deque<INDArray> stack = session.saved.get(owner);
        return stack == null || stack.isEmpty() ? null : stack.pop();
    }

    /** How many saved inputs have not been taken back. */
    public int pending() {
        return saved.values().stream().mapToInt(Deque::size).sum();
    }

    @Override
    public void close() {
        saved.clear();
        if (enclosing == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(enclosing);
        }
    }
}
