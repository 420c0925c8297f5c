package org.flows4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
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
 * standardization, the ActNorm flags, the training-score quantiles, each column's training range (files written
 * before the range was recorded load without one) and the positional width of columns taken from a file without a
 * header; one {@code .npy} entry per parameter holds
 * the weights ({@code numpy.load("m.flow")["p003_W0"]}).
 *
 * <p>Writes go to a temporary file in the same folder, renamed into place when complete. Reading refuses, with a
 * one-line {@link DataFormatException}, an empty, truncated or corrupt file, another format, or a newer version.
 */
public final class ModelFiles {
    /** The format name recorded under {@code "format"} in {@code model.json}; other names are refused on reading. */
    public static final String FORMAT = "flows4j-tabular-model";
    /**
     * The format version written, and the newest one read; files with a higher version are refused. Version 3
     * records the positional width of columns taken from a file without a header
     * ({@link DensityModel#positionalWidth}); older files load with none.
     */
    public static final int VERSION = 3;

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
        json.put("positionalWidth", model.positionalWidth());
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
     * version, a recorded value that is missing or of another type, or weights that do not fit the architecture or
     * are not of the file's data type.
     */
    public static DensityModel load(Path file) {
        return ModelArchive.read(file, FORMAT, "tabular", VERSION, (zip, json) -> rebuild(file, zip, json));
    }

    private static DensityModel rebuild(Path file, ZipFile zip, JsonNode json) throws IOException {
        int version = json.path("version").asInt();
        String name = file.toString();
        PartConfig arch = PartConfig.of(json.get("architecture"), name, "architecture", version);
        PartConfig top = PartConfig.of(json, name, "model.json", version);
        PartConfig std = PartConfig.of(json.get("standardization"), name, "standardization", version);
        CouplingScale scale = CouplingScales.of(arch.getString("scale"),
                arch.has("scaleBound") ? arch.getDouble("scaleBound") : Double.NaN,
                arch.has("scaleFloor") ? arch.getDouble("scaleFloor") : Double.NaN, version < 2);
        TabularModel.Kind kind = arch.getChoice("kind", TabularModel.Kind.class);
        RealNvp.Mixing mixing = arch.getChoice("mixing", RealNvp.Mixing.class);
        boolean actNorm = arch.getBoolean("actNorm");
        if (version < 3 && kind == TabularModel.Kind.NICE) {
            // older files recorded the RealNVP-only settings a NICE was given and did not use
            mixing = TabularModel.DEFAULT_MIXING;
            scale = TabularModel.DEFAULT_SCALE;
            actNorm = false;
        }
        List<Integer> hidden = Arrays.stream(arch.getInts("hidden")).boxed().toList();
        TabularModel spec = new TabularModel(kind, arch.getInt("couplings"), hidden,
                arch.getChoice("mask", Mask.Kind.class), mixing, scale, actNorm, arch.getLong("seed"));
        Standardization standardization = new Standardization(std.getDoubles("mean"), std.getDoubles("scale"));
        List<String> columns = top.getStrings("columns");
        Flow flow = spec.build(standardization);
        ModelArchive.markInitialized(file, json, "actNormInitialized",
                DataInitialization.layersIn(flow.bijector()));
        ModelArchive.loadParameters(file, zip, json, flow.parameters(),
                version < 2 ? ModelArchive.actNormParameters(flow) : Set.of());
        TrainingRange trainingRange = null;
        if (json.has("trainingRange")) {
            PartConfig range = PartConfig.of(json.get("trainingRange"), name, "trainingRange", version);
            trainingRange = new TrainingRange(range.getDoubles("min"), range.getDoubles("max"),
                    standardization.scale());
        }
        return new DensityModel(spec, columns, flow, top.getDoubles("trainingLogProbQuantiles"), trainingRange,
                version >= 3 ? top.getInt("positionalWidth") : 0);
    }
}
