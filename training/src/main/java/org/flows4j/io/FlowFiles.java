package org.flows4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipFile;
import org.flows4j.core.Bijector;
import org.flows4j.core.Distribution;
import org.flows4j.core.Flow;
import org.flows4j.core.Parameter;
import org.flows4j.data.DataFormatException;

/**
 * A file for any {@link Flow}: the tree of its parts — each bijector, network layer and the base distribution by
 * {@link PartKind} name with its configuration — in {@code model.json}, and one {@code .npy} entry per parameter, so
 * the file is also a NumPy {@code .npz}. Every part of the library has a kind; a part of your own is saved once its
 * kind is {@link #register registered}. {@link #load} rebuilds the flow from the tree and loads the parameters: the
 * same function, bit for bit, in the saved data type.
 *
 * <p>Writes are atomic (a temporary file renamed into place). Reading refuses in one line, with a
 * {@link DataFormatException}, a missing, empty, truncated or corrupt file, another format, a newer version, an
 * unknown part kind and a configuration that does not fit; saving refuses a part without a registered kind.
 * Tabular and image models with their columns, standardisation and training curves keep their own files
 * ({@link ModelFiles}, {@link ImageModelFiles}).
 */
public final class FlowFiles {
    /** The {@code format} field of the file's {@code model.json}. */
    public static final String FORMAT = "flows4j-flow";
    /**
     * The newest version this code writes and reads. Version 3 records whether a {@code ChannelSplit} is flipped (an
     * older file's split is not), so that an older reader refuses a file it would read without the flag.
     */
    public static final int VERSION = 3;

    private FlowFiles() {
    }

    /** Makes a kind of part of your own saveable and loadable; a name or class already registered is refused. */
    public static void register(PartKind<?> kind) {
        PartKinds.register(kind);
    }

    /** Writes {@code flow} to {@code file} atomically; every part must be of a registered kind. */
    public static void save(Flow flow, Path file) throws IOException {
        List<Parameter> params = flow.parameters();
        ObjectNode json = ModelArchive.header(FORMAT, VERSION);
        json.put("dataType", params.isEmpty() ? "FLOAT" : String.valueOf(flow.dataType()));
        PartConfig.write(flow.bijector(), json.putObject("bijector"), "bijector");
        PartConfig.write(flow.base(), json.putObject("base"), "base");
        ModelArchive.write(file, json, ModelArchive.describeParameters(json, params, i -> String.format(Locale.ROOT,
                "p%03d_%s.npy", i, params.get(i).name().replaceAll("[^A-Za-z0-9]", "_"))));
    }

    /** The flow saved in {@code file}, with the parameters and the data type it was saved with. */
    public static Flow load(Path file) {
        return ModelArchive.read(file, FORMAT, "flow", VERSION, (zip, json) -> rebuild(file, zip, json));
    }

    private static Flow rebuild(Path file, ZipFile zip, JsonNode json) throws IOException {
        int version = json.path("version").asInt();
        Bijector bijector = PartConfig.read(json.get("bijector"), Bijector.class, file.toString(), "bijector", version);
        Distribution base = PartConfig.read(json.get("base"), Distribution.class, file.toString(), "base", version);
        Flow flow = new Flow(bijector, base);
        ModelArchive.loadParameters(file, zip, json, flow.parameters(),
                version < 2 ? ModelArchive.actNormParameters(flow) : Set.of());
        return flow;
    }
}
