package org.flows4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.flows4j.data.DataFormatException;

/**
 * The configuration of one flow part in a model file: a JSON object with the part's {@code kind} and the values its
 * {@link PartKind} writes — numbers, flags, text, arrays of numbers, and nested parts (a coupling's conditioner, a
 * chain's parts), which are written and read through their own kinds.
 *
 * <p>Reading a value that is missing or of the wrong type fails with a one-line {@link DataFormatException} naming
 * the file, the part's place in the flow (e.g. {@code bijector.parts[3].conditioner}) and the key.
 */
public final class PartConfig {
    private final ObjectNode node;
    private final String file;
    private final String where;
    private final int version;

    private PartConfig(ObjectNode node, String file, String where, int version) {
        this.node = node;
        this.file = file;
        this.where = where;
        this.version = version;
    }

    /**
     * The values of {@code json}, an object at {@code where} in a file of format {@code version}, read with the same
     * checks as a part's (a model file's architecture and its other sections).
     */
    static PartConfig of(JsonNode json, String file, String where, int version) {
        if (json == null || !json.isObject()) {
            throw new DataFormatException(file + ": expected an object '" + where + "', got "
                    + (json == null || json.isMissingNode() ? "none" : json));
        }
        return new PartConfig((ObjectNode) json, file, where, version);
    }

    /** Writes {@code part} (of a registered kind) as a new JSON object under {@code where}. */
    static ObjectNode write(Object part, ObjectNode into, String where) {
        PartKind<?> kind = PartKinds.forPart(part, where);
        into.put("kind", kind.name());
        kind.writeUnchecked(part, new PartConfig(into, "", where, FlowFiles.VERSION));
        return into;
    }

    /**
     * Rebuilds the part described by {@code json}, which must be a {@code type}, from a file of format
     * {@code version}.
     */
    static <T> T read(JsonNode json, Class<T> type, String file, String where, int version) {
        if (json == null || !json.isObject() || !json.path("kind").isTextual()) {
            throw new DataFormatException(file + ": " + where + ": expected a part with a 'kind', got " + json);
        }
        PartKind<?> kind = PartKinds.byName(json.get("kind").asText(), file, where);
        Object part;
        try {
            part = kind.reader().read(new PartConfig((ObjectNode) json, file, where, version));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file + ": " + where + " (" + kind.name() + "): " + e.getMessage());
        }
        if (!type.isInstance(part)) {
            throw new DataFormatException(file + ": " + where + ": expected a " + type.getSimpleName() + ", got a "
                    + kind.name());
        }
        return type.cast(part);
    }

    /** Stores an integer. */
    public PartConfig put(String key, long value) {
        node.put(key, value);
        return this;
    }

    /** Stores a number. */
    public PartConfig put(String key, double value) {
        node.put(key, value);
        return this;
    }

    /** Stores a flag. */
    public PartConfig put(String key, boolean value) {
        node.put(key, value);
        return this;
    }

    /** Stores a text. */
    public PartConfig put(String key, String value) {
        node.put(key, value);
        return this;
    }

    /** Stores integers. */
    public PartConfig put(String key, int[] values) {
        ArrayNode a = node.putArray(key);
        for (int v : values) {
            a.add(v);
        }
        return this;
    }

    /** Stores integers. */
    public PartConfig put(String key, long[] values) {
        ArrayNode a = node.putArray(key);
        for (long v : values) {
            a.add(v);
        }
        return this;
    }

    /** Stores numbers (written so that they read back bit-identically). */
    public PartConfig put(String key, double[] values) {
        ArrayNode a = node.putArray(key);
        for (double v : values) {
            a.add(v);
        }
        return this;
    }

    /** Stores a nested part of a registered kind, or {@code null}. */
    public PartConfig putPart(String key, Object part) {
        if (part == null) {
            node.putNull(key);
        } else {
            write(part, node.putObject(key), where + "." + key);
        }
        return this;
    }

    /** Stores nested parts of registered kinds, in order. */
    public PartConfig putParts(String key, List<?> parts) {
        ArrayNode a = node.putArray(key);
        for (int i = 0; i < parts.size(); i++) {
            write(parts.get(i), a.addObject(), where + "." + key + "[" + i + "]");
        }
        return this;
    }

    /**
     * The format version of the file being read (the current {@link FlowFiles#VERSION} while writing). A value added
     * in a later version is read only from files of that version or newer, where it is required; an older file gets
     * the default the value's absence meant then.
     */
    public int version() {
        return version;
    }

    /** Whether {@code key} is present (for a value whose key depends on another, such as a scale's bound or floor). */
    public boolean has(String key) {
        return node.has(key);
    }

    /** The integer under {@code key}. */
    public int getInt(String key) {
        long v = getLong(key);
        if (v != (int) v) {
            throw wrong(key, "an integer in [-2147483648, 2147483647]", node.get(key));
        }
        return (int) v;
    }

    /** The integer under {@code key}. */
    public long getLong(String key) {
        JsonNode v = value(key);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw wrong(key, "an integer", v);
        }
        return v.asLong();
    }

    /** The number under {@code key}. */
    public double getDouble(String key) {
        JsonNode v = value(key);
        if (!v.isNumber()) {
            throw wrong(key, "a number", v);
        }
        return v.asDouble();
    }

    /** The flag under {@code key}. */
    public boolean getBoolean(String key) {
        JsonNode v = value(key);
        if (!v.isBoolean()) {
            throw wrong(key, "true or false", v);
        }
        return v.asBoolean();
    }

    /** The text under {@code key}. */
    public String getString(String key) {
        JsonNode v = value(key);
        if (!v.isTextual()) {
            throw wrong(key, "a text", v);
        }
        return v.asText();
    }

    /** The texts under {@code key}. */
    public List<String> getStrings(String key) {
        JsonNode a = array(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) {
                throw wrong(key + "[" + i + "]", "a text", a.get(i));
            }
            out.add(a.get(i).asText());
        }
        return List.copyOf(out);
    }

    /** The {@code length} integers under {@code key}; another count is refused. */
    public int[] getInts(String key, int length) {
        int[] values = getInts(key);
        if (values.length != length) {
            throw wrong(key, length + " integers", node.get(key));
        }
        return values;
    }

    /** The constant of {@code type} named under {@code key}; another name is refused with the names there are. */
    public <E extends Enum<E>> E getChoice(String key, Class<E> type) {
        String name = getString(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw wrong(key, "one of " + java.util.Arrays.toString(type.getEnumConstants()), node.get(key));
    }

    /** The integers under {@code key}. */
    public int[] getInts(String key) {
        List<Long> values = getLongList(key);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (values.get(i) != values.get(i).intValue()) {
                throw wrong(key + "[" + i + "]", "an integer in [-2147483648, 2147483647]", array(key).get(i));
            }
            out[i] = values.get(i).intValue();
        }
        return out;
    }

    /** The integers under {@code key}. */
    public long[] getLongs(String key) {
        return getLongList(key).stream().mapToLong(Long::longValue).toArray();
    }

    /** The numbers under {@code key}. */
    public double[] getDoubles(String key) {
        JsonNode a = array(key);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw wrong(key + "[" + i + "]", "a number", a.get(i));
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** The nested part under {@code key}, a {@code type}, or {@code null} when none was stored. */
    public <T> T part(String key, Class<T> type) {
        JsonNode v = value(key);
        return v.isNull() ? null : read(v, type, file, where + "." + key, version);
    }

    /** The nested parts under {@code key}, each a {@code type}, in order. */
    public <T> List<T> parts(String key, Class<T> type) {
        JsonNode a = array(key);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(read(a.get(i), type, file, where + "." + key + "[" + i + "]", version));
        }
        return out;
    }

    private List<Long> getLongList(String key) {
        JsonNode a = array(key);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isIntegralNumber()) {
                throw wrong(key + "[" + i + "]", "an integer", a.get(i));
            }
            out.add(a.get(i).asLong());
        }
        return out;
    }

    private JsonNode array(String key) {
        JsonNode v = value(key);
        if (!v.isArray()) {
            throw wrong(key, "an array", v);
        }
        return v;
    }

    private JsonNode value(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new DataFormatException(file + ": " + place() + ": missing '" + key + "'");
        }
        return v;
    }

    private DataFormatException wrong(String key, String expected, JsonNode got) {
        return new DataFormatException(file + ": " + place() + ": expected '" + key + "' to be " + expected + ", got "
                + got);
    }

    private String place() {
        return node.path("kind").isTextual() ? where + " (" + node.get("kind").asText() + ")" : where;
    }
}
