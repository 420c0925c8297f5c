package org.flows4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipFile;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Standardization;
import org.flows4j.core.DataInitialization;
import org.flows4j.core.Flow;
import org.flows4j.core.Parameter;
import org.flows4j.data.DataFormatException;
import org.flows4j.models.RealNvp;
import org.flows4j.training.DensityModel;
import org.flows4j.training.TabularModel;
import org.flows4j.training.TrainingRange;

/**
 * The {@code .flow} model file: one ZIP archive that is also a valid NumPy {@code .npz} — {@code model.json} holds the
 * format version, the architecture (with its seed, which fixes masks and permutations), the columns, the
 * standardization, the ActNorm flags, the training-score quantiles and each column's training range (files written
 * before the range was recorded load without one); one {@code .npy} entry per parameter holds
 * the weights ({@code numpy.load("m.flow")["p003_W0"]}).
 *
 * <p>Writes go to a temporary file in the same folder, renamed into place when complete. Reading refuses, with a
 * one-line {@link DataFormatException}, an empty, truncated or corrupt file, another format, or a newer version.
 */
public final class ModelFiles {
    /** The format name recorded under {@code "format"} in {@code model.json}; other names are refused on reading. */
    public static final String FORMAT = "flows4j-tabular-model";
    /** The format version written, and the newest one read; files with a higher version are refused. */
    public static final int VERSION = 2;

    private ModelFiles() {
    }

    /**
     * Writes {@code model} — architecture, columns, standardization, ActNorm flags, score quantiles and weights — to
     * {@code file} atomically, replacing any file there.
     */
    public static void save(DensityModel model, Path file) throws IOException {
        List<Parameter> params = model.flow().parameters();
        ObjectNode json = describe(model, params);
        ModelArchive.write(file, json,
                ModelArchive.describeParameters(json, params, i -> entryName(i, params.get(i)) + ".npy"));
    }

    private static String entryName(int index, Parameter p) {
        return String.format(Locale.ROOT, "p%03d_%s", index, p.name().replaceAll("[^A-Za-z0-9]", "_"));
    }

    private static ObjectNode describe(DensityModel model, List<Parameter> params) {
        ObjectNode json = ModelArchive.header(FORMAT, VERSION);
        json.put("dataType", params.isEmpty() ? "FLOAT" : params.get(0).value().dataType().name());
        TabularModel spec = model.spec();
        ObjectNode arch = json.putObject("architecture");
        arch.put("kind", spec.kind().name());
        arch.put("couplings", spec.couplings());
        spec.hidden().forEach(arch.putArray("hidden")::add);
        arch.put("mask", spec.mask().name());
        arch.put("mixing", spec.mixing().name());
        arch.put("scale", CouplingScales.name(spec.scale()));
        arch.put(CouplingScales.settingKey(spec.scale()), CouplingScales.setting(spec.scale()));
        arch.put("actNorm", spec.actNorm());
        arch.put("seed", spec.seed());
        model.columns().forEach(json.putArray("columns")::add);
        ObjectNode std = json.putObject("standardization");
        Arrays.stream(model.standardization().mean()).forEach(std.putArray("mean")::add);
        Arrays.stream(model.standardization().scale()).forEach(std.putArray("scale")::add);
        ArrayNode flags = json.putArray("actNormInitialized");
        DataInitialization.layersIn(model.flow().bijector()).forEach(a -> flags.add(a.initialized()));
        Arrays.stream(model.trainingLogProbQuantiles()).forEach(json.putArray("trainingLogProbQuantiles")::add);
        if (model.range() != null) {
            ObjectNode range = json.putObject("trainingRange");
            Arrays.stream(model.range().min()).forEach(range.putArray("min")::add);
            Arrays.stream(model.range().max()).forEach(range.putArray("max")::add);
        }
        return json;
    }

    /**
     * The model saved in {@code file}, rebuilt from its architecture and seed with the stored weights assigned.
     * Throws a {@link DataFormatException} for a missing, empty, truncated or corrupt file, another format, a newer
     * version, or weights that do not fit the architecture.
     */
    public static DensityModel load(Path file) {
        return ModelArchive.read(file, FORMAT, "tabular", VERSION, (zip, json) -> rebuild(file, zip, json));
    }

    private static DensityModel rebuild(Path file, ZipFile zip, JsonNode json) throws IOException {
        JsonNode arch = json.path("architecture");
        List<Integer> hidden = new ArrayList<>();
        arch.path("hidden").forEach(h -> hidden.add(h.asInt()));
        CouplingScale scale;
        try {
            scale = CouplingScales.of(arch.path("scale").asText(), arch.path("scaleBound").asDouble(Double.NaN),
                    arch.path("scaleFloor").asDouble(Double.NaN), json.path("version").asInt() < 2);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file + ": " + e.getMessage());
        }
        TabularModel spec = new TabularModel(TabularModel.Kind.valueOf(arch.path("kind").asText()),
                arch.path("couplings").asInt(), hidden, Mask.Kind.valueOf(arch.path("mask").asText()),
                RealNvp.Mixing.valueOf(arch.path("mixing").asText()), scale, arch.path("actNorm").asBoolean(),
                arch.path("seed").asLong());
        List<String> columns = new ArrayList<>();
        json.path("columns").forEach(c -> columns.add(c.asText()));
        Standardization standardization = new Standardization(doubles(json.path("standardization").path("mean")),
                doubles(json.path("standardization").path("scale")));
        Flow flow = spec.build(standardization);
        ModelArchive.markInitialized(file, json, "actNormInitialized",
                DataInitialization.layersIn(flow.bijector()));
        ModelArchive.loadParameters(file, zip, json, flow.parameters(),
                json.path("version").asInt() < 2 ? ModelArchive.actNormParameters(flow) : Set.of());
        JsonNode range = json.path("trainingRange");
        TrainingRange trainingRange = range.isMissingNode() ? null : new TrainingRange(doubles(range.path("min")),
                doubles(range.path("max")), standardization.scale());
        return new DensityModel(spec, columns, flow, doubles(json.path("trainingLogProbQuantiles")), trainingRange);
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
