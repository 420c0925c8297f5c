package org.flows4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.core.DataInitialized;
import org.flows4j.core.Flow;
import org.flows4j.core.Parameter;
import org.flows4j.core.ParameterVector;
import org.flows4j.core.Parts;
import org.flows4j.data.DataFormatException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The container shared by flows4j's model files: a ZIP archive that is also a NumPy {@code .npz}, with a
 * {@code model.json} (format name, version, and whatever the model records) and one {@code .npy} entry per array.
 * Written atomically; read with one-line refusals of a missing, empty, truncated or corrupt file, another format,
 * or a version this code does not read.
 */
final class ModelArchive {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "model.json";

    private ModelArchive() {
    }

    /** What a model file does with an opened, checked archive. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ZipFile zip, JsonNode json) throws IOException;
    }

    /** A {@code model.json} object carrying the format name and version. */
    static ObjectNode header(String format, int version) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", format);
        json.put("version", version);
        return json;
    }

    /**
     * Lists each parameter's entry name ({@code entryName.apply(i)}), name and shape under {@code "parameters"}, and
     * returns the parameters' values by entry name, in order, for {@link #write}.
     */
    static Map<String, INDArray> describeParameters(ObjectNode json, List<Parameter> params,
                                                    IntFunction<String> entryName) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ArrayNode list = json.putArray("parameters");
        for (int i = 0; i < params.size(); i++) {
            String entry = entryName.apply(i);
            ObjectNode e = list.addObject();
            e.put("entry", entry);
            e.put("name", params.get(i).name());
            Arrays.stream(params.get(i).shape()).forEach(e.putArray("shape")::add);
            arrays.put(entry, params.get(i).value());
        }
        return arrays;
    }

    /** Writes {@code model.json} then the arrays, in the map's order, to {@code file} atomically. */
    static void write(Path file, ObjectNode json, Map<String, INDArray> arrays) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(JSON));
            zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            zip.closeEntry();
            for (Map.Entry<String, INDArray> a : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(a.getKey()));
                zip.write(Nd4j.toNpyByteArray(a.getValue().dup('c')));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Opens {@code file}, checks its format ({@code kind} names it in errors) and version, and hands it to the reader. */
    static <T> T read(Path file, String format, String kind, int version, Reader<T> reader) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such model file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new DataFormatException(file + ": empty file, not a flows4j model");
            }
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot read: " + e.getMessage());
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry jsonEntry = zip.getEntry(JSON);
            if (jsonEntry == null) {
                throw new DataFormatException(file + ": not a flows4j model (no " + JSON + ")");
            }
            JsonNode json;
            try (InputStream in = zip.getInputStream(jsonEntry)) {
                json = MAPPER.readTree(in);
            }
            if (!format.equals(json.path("format").asText())) {
                throw new DataFormatException(file + ": not a flows4j " + kind + " model (format '"
                        + json.path("format").asText() + "')");
            }
            int found = json.path("version").asInt(-1);
            if (found > version) {
                throw new DataFormatException(file + ": model format version " + found
                        + " is newer than this flows4j reads (up to " + version + "); upgrade flows4j");
            }
            if (found < 1) {
                throw new DataFormatException(file + ": model format version missing or invalid");
            }
            return reader.read(zip, json);
        } catch (DataFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // a value the file holds that a constructor refuses: the file is whole, its content does not fit
            throw new DataFormatException(file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage());
            throw new DataFormatException(file + ": corrupt or truncated model file (" + why.lines().findFirst()
                    .orElse("") + ")");
        }
    }

    /** The {@code .npy} entry {@code name}. */
    static INDArray array(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new DataFormatException(file + ": weights entry " + name + " is missing");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Nd4j.createNpyFromByteArray(in.readAllBytes());
        }
    }

    /**
     * Marks {@code layers} initialised as the array {@code json.field} records, one flag per layer in the order of
     * the flow's walk; a missing array or one of another length is refused with both counts.
     */
    static void markInitialized(Path file, JsonNode json, String field, List<DataInitialized> layers) {
        JsonNode flags = json.path(field);
        if (!flags.isArray() || flags.size() != layers.size()) {
            throw new DataFormatException(file + ": expected " + field + " to hold " + layers.size() + " flags, one "
                    + "per data-initialized layer of the architecture, got "
                    + (flags.isArray() ? flags.size() + " flags" : flags.isMissingNode() ? "none" : flags.toString()));
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!flags.get(i).isBoolean()) {
                throw new DataFormatException(file + ": expected " + field + "[" + i + "] to be true or false, got "
                        + flags.get(i));
            }
            if (flags.get(i).asBoolean()) {
                layers.get(i).markInitialized();
            }
        }
    }

    /** The parameters of every {@link ActNorm} in {@code flow}: format 1 stored a table's as {@code [1, D]} rows. */
    static Set<Parameter> actNormParameters(Flow flow) {
        Set<Parameter> rows = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Parts.ofType(flow.bijector(), ActNorm.class).forEach(a -> rows.addAll(a.parameters()));
        return rows;
    }

    /**
     * Assigns the entries listed under {@code "parameters"} to {@code params}, checking count and shapes. A stored
     * {@code [1, D]} entry fills a parameter of shape {@code [D]} when that parameter is in {@code formerRows}
     * (ActNorm's, in files of format 1); any other mismatch is refused.
     */
    static void loadParameters(Path file, ZipFile zip, JsonNode json, List<Parameter> params, Set<Parameter> formerRows)
            throws IOException {
        JsonNode entries = json.path("parameters");
        if (entries.size() != params.size()) {
            throw new DataFormatException(file + ": model lists " + entries.size() + " parameters, its architecture has "
                    + params.size());
        }
        DataType type = dataType(file, json);
        ParameterVector.of(params, type);
        for (int i = 0; i < params.size(); i++) {
            if (!entries.get(i).path("entry").isTextual()) {
                throw new DataFormatException(file + ": expected parameters[" + i + "] to name its 'entry', got "
                        + entries.get(i));
            }
            String name = entries.get(i).get("entry").asText();
            INDArray w = array(file, zip, name);
            Parameter p = params.get(i);
            if (formerRows.contains(p) && w.rank() == 2 && w.size(0) == 1 && p.shape().length == 1 && w.size(1) == p.shape()[0]) {
                w = w.reshape(p.shape());
            }
            if (!Arrays.equals(w.shape(), p.shape())) {
                throw new DataFormatException(file + ": weights " + name + " have shape " + Arrays.toString(w.shape())
                        + ", the architecture expects " + Arrays.toString(p.shape()));
            }
            if (w.dataType() != type) {
                throw new DataFormatException(file + ": weights " + name + " are " + w.dataType()
                        + ", the model file says " + type);
            }
            p.value().assign(w);
        }
    }

    /** The model's {@code dataType}: FLOAT or DOUBLE, refused in one line otherwise. */
    private static DataType dataType(Path file, JsonNode json) {
        String name = json.path("dataType").asText("");
        return switch (name) {
            case "FLOAT" -> DataType.FLOAT;
            case "DOUBLE" -> DataType.DOUBLE;
            default -> throw new DataFormatException(file + ": expected dataType FLOAT or DOUBLE, got "
                    + (json.has("dataType") ? json.get("dataType") : "none"));
        };
    }
}
