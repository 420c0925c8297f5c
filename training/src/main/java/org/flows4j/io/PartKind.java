package org.flows4j.io;

import java.util.Objects;

/**
 * How one kind of flow part — a bijector, a conditioner's network layer or a base distribution — is written to a
 * model file and rebuilt from it: a stable name (what the file stores), the exact class it describes, a writer that
 * puts the part's configuration into a {@link PartConfig} and a reader that rebuilds an equal part from one.
 *
 * <p>The configuration holds what the constructor needs and any state that is not a parameter (sizes, orders,
 * seeds that fix constants, ActNorm's initialised flag); the parameters' values are stored beside it and loaded
 * into the rebuilt part, in the order of its {@code parameters()}. Register a kind of your own with
 * {@link FlowFiles#register}:
 *
 * <pre>{@code
 * FlowFiles.register(new PartKind<>("ElementwiseAffine", ElementwiseAffine.class,
 *         (part, out) -> out.put("dim", part.dim()),
 *         in -> new ElementwiseAffine(in.getInt("dim"))));
 * }</pre>
 *
 * @param <T>    the part's class
 * @param name   the kind's name in the file; unique among registered kinds
 * @param type   the class it describes (matched exactly, not by subclass)
 * @param writer writes a part's configuration
 * @param reader rebuilds a part from its configuration
 */
public record PartKind<T>(String name, Class<T> type, Writer<T> writer, Reader<T> reader) {

    /** Checks that every component is present and the name is not blank. */
    public PartKind {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("PartKind: expected a name, got '" + name + "'");
        }
    }

    /** Writes a part's configuration. */
    @FunctionalInterface
    public interface Writer<T> {
        /** Puts what {@link Reader#read} needs to rebuild {@code part} into {@code out}. */
        void write(T part, PartConfig out);
    }

    /** Rebuilds a part from its configuration. */
    @FunctionalInterface
    public interface Reader<T> {
        /** A new part equal to the one written to {@code in}, with freshly initialised parameters. */
        T read(PartConfig in);
    }

    void writeUnchecked(Object part, PartConfig out) {
        writer.write(type.cast(part), out);
    }
}
