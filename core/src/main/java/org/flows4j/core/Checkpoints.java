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
 * the inputs of its parts without a {@link Bijector#stableInverse() stable inverse} during the forward pass and
 * {@link #take takes} them back in its backward pass.
 *
 * <p>Saving happens only while a session is {@link #open() open} on the current thread ({@link Flow} opens one
 * around each training step); elsewhere {@code save} does nothing and {@code take} returns null, and the input is
 * recomputed. Saved inputs are a last-in-first-out stack per owner, matching the reverse order of the backward
 * pass, kept where they stay valid until the session closes ({@link #save}).
 */
public final class Checkpoints implements AutoCloseable {
    private static final ThreadLocal<Checkpoints> ACTIVE = new ThreadLocal<>();
    private static final ThreadLocal<Map<Object, String>> KEPT_MEMORY = ThreadLocal.withInitial(IdentityHashMap::new);
    private final Map<Object, Deque<INDArray>> saved = new IdentityHashMap<>();
    private final Map<Object, Object> kept = new IdentityHashMap<>();
    private final Map<Object, MemoryWorkspace> keptMemory = new java.util.LinkedHashMap<>();
    private final Checkpoints enclosing;
    private final MemoryRegime regime;
    private final MemoryWorkspace memory = Nd4j.getMemoryManager().getCurrentWorkspace();

    private Checkpoints(Checkpoints enclosing, MemoryRegime regime) {
        this.enclosing = enclosing;
        this.regime = regime;
    }

    /** Opens a session on this thread in the {@link MemoryRegime#LEAN lean} regime; close it after the backward pass. */
    public static Checkpoints open() {
        return open(MemoryRegime.LEAN);
    }

    /** Opens a session on this thread in {@code regime}; close it when the backward pass is done. */
    public static Checkpoints open(MemoryRegime regime) {
        if (regime == null) {
            throw new IllegalArgumentException("Checkpoints.open: expected a memory regime, got null");
        }
        Checkpoints session = new Checkpoints(ACTIVE.get(), regime);
        ACTIVE.set(session);
        return session;
    }

    /**
     * In the {@link MemoryRegime#FAST fast} regime, runs {@code work} with every array it allocates in memory of
     * {@code owner}'s own (an ND4J workspace reused at the owner's next call), so that what it computes stays valid
     * until the owner's backward pass, and keeps the result for {@link #takeKept}; otherwise just runs it.
     */
    public static <T> T keep(Object owner, java.util.function.Supplier<T> work) {
        Checkpoints session = ACTIVE.get();
        if (session == null || session.regime != MemoryRegime.FAST) {
            return work.get();
        }
        if (session.keptMemory.containsKey(owner)) {
            // A second forward pass of one owner in one session: its memory is taken, so neither result is kept and
            // the backward pass recomputes.
            session.kept.remove(owner);
            return work.get();
        }
        String name = KEPT_MEMORY.get().computeIfAbsent(owner, o -> "flows4j-kept-" + KEPT_MEMORY.get().size());
        MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
        // The workspace stays open, though no longer current, until the session closes: ND4J refuses arrays of a
        // closed workspace as op inputs, and the backward pass reads these.
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(PartScope.CONFIG, name);
        session.keptMemory.put(owner, ws);
        T result;
        try {
            result = work.get();
        } finally {
            Nd4j.getMemoryManager().setCurrentWorkspace(current);
        }
        session.kept.put(owner, result);
        return result;
    }

    /** What {@code owner} kept with {@link #keep} in this session and has not taken yet, or null (then recompute). */
    public static Object takeKept(Object owner) {
        Checkpoints session = ACTIVE.get();
        return session == null ? null : session.kept.remove(owner);
    }

    /**
     * Keeps {@code input} for {@code owner}'s backward pass, when a session is open. An input that outlives the
     * session as it is — in ordinary memory, or in the workspace that was current when the session opened (a training
     * step's, which reuses the memory every step) — is kept by reference; any other (in a part's workspace, reused
     * before the backward pass, or in a chain's carry buffers, overwritten two parts later) is copied into that
     * workspace, or into ordinary memory where there is none. Callers do not write into an input after saving it.
     */
    public static void save(Object owner, INDArray input) {
        Checkpoints session = ACTIVE.get();
        if (session == null) {
            return;
        }
        INDArray kept;
        if (session.outlives(input)) {
            kept = input;
        } else {
            try (MemoryWorkspace target = session.memory != null ? session.memory.notifyScopeBorrowed()
                    : Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                kept = input.dup('c');
            }
        }
        session.saved.computeIfAbsent(owner, k -> new ArrayDeque<>()).push(kept);
    }

    /** Whether {@code a}'s memory stays valid until this session closes: ordinary memory, or the session's workspace. */
    private boolean outlives(INDArray a) {
        if (CarryBuffers.holds(a)) {
            return false;
        }
        if (!a.isAttached()) {
            return true;
        }
        return memory != null && a.data().getParentWorkspace() == memory;
    }

    /** Whether a session is open on this thread. */
    static boolean isOpen() {
        return ACTIVE.get() != null;
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
        kept.clear();
        MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
        java.util.List<MemoryWorkspace> open = new java.util.ArrayList<>(keptMemory.values());
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        keptMemory.clear();
        Nd4j.getMemoryManager().setCurrentWorkspace(current);
        if (enclosing == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(enclosing);
        }
    }
}
