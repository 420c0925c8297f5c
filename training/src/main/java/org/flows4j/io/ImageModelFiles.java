package org.flows4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;
import org.flows4j.core.DataInitialization;
import org.flows4j.core.Parameter;
import org.flows4j.data.DataFormatException;
import org.flows4j.images.Checkpoint;
import org.flows4j.images.CurvePoint;
import org.flows4j.images.ImageModel;
import org.flows4j.models.Glow;
import org.flows4j.models.ImageFlow;
import org.flows4j.models.NiceImage;
import org.flows4j.models.RealNvpImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The image model / checkpoint file: a ZIP that is also a NumPy {@code .npz}. {@code model.json} holds the format and
 * version, the architecture (family and builder fields, seed included), the pixel depth, which data-initialized
 * layers (ActNorm) are initialised, the step reached, wall time and training curve; one {@code .npy} per parameter
 * holds the weights, and {@code optimizer.npy} the optimizer state, so {@code --resume} continues exactly. Written
 * atomically.
 */
public final class ImageModelFiles {
    /** The format name recorded under {@code "format"} in {@code model.json}; other names are refused on reading. */
    public static final String FORMAT = "flows4j-image-model";
    /**
     * The format version written, and the newest one read; files with a higher version are refused. Version 2 builds
     * Glow's couplings with the channel split ({@link org.flows4j.bijectors.image.ChannelSplit}), version 3 RealNVP's
     * channel couplings too; a file of a family whose couplings changed since it was written (a version-1 Glow, a
     * version-1 or 2 RealNVP: channel-masked couplings, conditioners of another shape) is refused with a message
     * saying so, while the other families' older files load as before.
     */
    public static final int VERSION = 3;
    private static final String OPTIMIZER = "optimizer.npy";
    /** Jackson's message for a record component absent from the JSON. */
    private static final java.util.regex.Pattern MISSING = java.util.regex.Pattern.compile(
            "Missing (?:required )?creator property '([^']+)'");
    /** The advice Jackson appends to a refusal, about settings a reader of model files does not choose. */
    private static final java.util.regex.Pattern ADVICE = java.util.regex.Pattern.compile(
            "\\s*\\((but could if|set DeserializationConfig|enable ).*\\)\\s*$");
    private static final ObjectMapper MAPPER = ModelArchive.MAPPER;
    /** No field null; an absent one keeps its default (files before format 3). */
    private static final DeserializationFeature[] NO_NULLS = {DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES};
    /** Every field present, none null (format 3 on). */
    private static final DeserializationFeature[] STRICT = {DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
        DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES};

    private ImageModelFiles() {
    }

    /**
     * Writes {@code model} — architecture, pixel depth, one initialisation flag per data-initialized layer, step, wall
     * time, curve, weights and, when present, the optimizer state — to {@code file} atomically, replacing any file
     * there.
     */
    public static void save(ImageModel model, Path file) throws IOException {
        List<Parameter> params = model.flow().parameters();
        ObjectNode json = ModelArchive.header(FORMAT, VERSION);
        json.put("family", model.spec().family());
        json.set("architecture", MAPPER.valueToTree(model.spec()));
        json.put("dataType", params.get(0).value().dataType().name());
        json.put("nBits", model.nBits());
        ArrayNode initialized = json.putArray("initialized");
        DataInitialization.layersIn(model.flow().bijector()).forEach(l -> initialized.add(l.initialized()));
        json.put("step", model.step());
        json.put("seconds", model.seconds());
        ArrayNode curve = json.putArray("curve");
        for (CurvePoint p : model.curve()) {
            curve.add(MAPPER.valueToTree(p));
        }
        Map<String, INDArray> arrays = ModelArchive.describeParameters(json, params, i -> entryName(i, params.get(i)));
        if (model.optimizerState() != null) {
            arrays.put(OPTIMIZER, model.optimizerState());
        }
        ModelArchive.write(file, json, arrays);
    }

    private static String entryName(int index, Parameter p) {
        return String.format(Locale.ROOT, "p%04d_%s.npy", index, p.name().replaceAll("[^A-Za-z0-9]", "_"));
    }

    /**
     * The architecture recorded in a file of format {@code version}: from format 3 on every field of the family's
     * description must be there (a missing one is refused by name, never read as 0 or false); older files keep the
     * defaults of the fields they predate.
     */
    private static ImageFlow architecture(Path file, String family, JsonNode arch, int version) {
        Class<? extends ImageFlow> type = switch (family) {
            case "glow" -> Glow.class;
            case "realnvp" -> RealNvpImage.class;
            case "nice" -> NiceImage.class;
            default -> throw new DataFormatException(file + ": unknown model family '" + family + "'");
        };
        return strictly(file, "the " + family + " architecture", arch, type, features(version));
    }

    /** Format 3 on: every field present and none null; before, absent fields keep their defaults, none null. */
    private static DeserializationFeature[] features(int version) {
        return version >= 3 ? STRICT : NO_NULLS;
    }

    /**
     * {@code json} read as a {@code type} with {@code features} on and a number with a fraction never read as a
     * whole one; a failure is one line naming {@code what} and, when a field is missing, the field.
     */
    private static <T> T strictly(Path file, String what, JsonNode json, Class<T> type,
                                  DeserializationFeature... features) {
        ObjectReader reader = MAPPER.readerFor(type).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (DeserializationFeature f : features) {
            reader = reader.with(f);
        }
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            String why = String.valueOf(e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage()).lines().findFirst().orElse("");
            java.util.regex.Matcher missing = MISSING.matcher(why);
            if (missing.lookingAt()) {
                why = "missing field '" + missing.group(1) + "'";
            } else if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
                why = "field '" + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                        : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining(".")) + "': "
                        + ADVICE.matcher(why).replaceFirst("");
            }
            throw new DataFormatException(file + ": " + what + ": " + why);
        }
    }

    /**
     * Marks the data-initialized layers the file records as initialised: from format 3 on one flag per layer
     * ({@link ModelArchive#markInitialized}); before, one flag for the whole model.
     */
    private static void markInitialized(Path file, JsonNode json, int version, ImageModel model) {
        if (version >= 3) {
            ModelArchive.markInitialized(file, json, "initialized",
                    DataInitialization.layersIn(model.flow().bijector()));
        } else if (json.path("initialized").asBoolean(false)) {
            DataInitialization.markAll(model.flow().bijector());
        }
    }

    /** Checkpoints that {@link #save} the model to {@code file}, for {@link org.flows4j.images.ImageTrainer}. */
    public static Checkpoint checkpointTo(Path file) {
        return model -> save(model, file);
    }

    /**
     * The model or checkpoint saved in {@code file}: the architecture rebuilt, weights assigned, curve, step, wall
     * time and optimizer state restored. Throws a {@link DataFormatException} for a missing, empty, truncated or
     * corrupt file, another format, a newer version, an unknown model family, a recorded value that is missing, null
     * or of another type, or weights that do not fit or are not of the file's data type.
     */
    public static ImageModel load(Path file) {
        return ModelArchive.read(file, FORMAT, "image", VERSION, (zip, json) -> rebuild(file, zip, json));
    }

    private static ImageModel rebuild(Path file, ZipFile zip, JsonNode json) throws IOException {
        int version = json.path("version").asInt();
        String family = json.path("family").asText();
        if (version < 2 && "glow".equals(family) || version < 3 && "realnvp".equals(family)) {
            String name = "glow".equals(family) ? "Glow" : "RealNVP";
            throw new DataFormatException(file + ": image model format version " + version + " holds a " + name
                    + " with channel-masked couplings, which this flows4j (format " + VERSION
                    + ", channel-split couplings) no longer reads; train it again with flows train-images");
        }
        ImageFlow spec = architecture(file, family, json.path("architecture"), version);
        PartConfig top = PartConfig.of(json, file.toString(), "model.json", version);
        ImageModel model = ImageModel.create(spec, top.getInt("nBits"));
        ModelArchive.loadParameters(file, zip, json, model.flow().parameters(), java.util.Set.of());
        markInitialized(file, json, version, model);
        JsonNode curve = json.path("curve");
        if (!curve.isArray()) {
            throw new DataFormatException(file + ": expected a 'curve' array, got "
                    + (curve.isMissingNode() ? "none" : curve));
        }
        for (int i = 0; i < curve.size(); i++) {
            model.curve().add(strictly(file, "curve[" + i + "]", curve.get(i), CurvePoint.class,
                    features(version)));
        }
        INDArray state = zip.getEntry(OPTIMIZER) == null ? null : ModelArchive.array(file, zip, OPTIMIZER);
        int step = top.getInt("step");
        double seconds = top.getDouble("seconds");
        if (step < 0 || !(seconds >= 0)) {
            throw new DataFormatException(file + ": expected a step >= 0 and seconds >= 0, got " + step + " and "
                    + seconds);
        }
        model.advance(step, seconds, state);
        return model;
    }
}
