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
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.flows4j.bijectors.image.DataInitialization;
import org.flows4j.core.Parameter;
import org.flows4j.data.DataFormatException;
import org.flows4j.images.CurvePoint;
import org.flows4j.images.ImageModel;
import org.flows4j.models.Glow;
import org.flows4j.models.ImageFlow;
import org.flows4j.models.NiceImage;
import org.flows4j.models.RealNvpImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The image model / checkpoint file: a ZIP that is also a NumPy {@code .npz}. {@code model.json} holds the format and
 * version, the architecture (family and builder fields, seed included), the pixel depth, whether the ActNorm layers
 * are initialised, the step reached, wall time and training curve; one {@code .npy} per parameter holds the weights,
 * and {@code optimizer.npy} the optimizer state, so {@code --resume} continues exactly. Written atomically.
 */
public final class ImageModelFiles {
    public static final String FORMAT = "flows4j-image-model";
    public static final int VERSION = 1;
    private static final String JSON = "model.json";
    private static final String OPTIMIZER = "optimizer.npy";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImageModelFiles() {
    }

    public static void save(ImageModel model, Path file) throws IOException {
        List<Parameter> params = model.flow().parameters();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("family", model.spec().family());
        json.set("architecture", MAPPER.valueToTree(model.spec()));
        json.put("dataType", params.get(0).value().dataType().name());
        json.put("nBits", model.nBits());
        json.put("initialized", DataInitialization.complete(model.flow().bijector()));
        json.put("step", model.step());
        json.put("seconds", model.seconds());
        ArrayNode curve = json.putArray("curve");
        for (CurvePoint p : model.curve()) {
            curve.add(MAPPER.valueToTree(p));
        }
        ArrayNode entries = json.putArray("parameters");
        for (int i = 0; i < params.size(); i++) {
            ObjectNode e = entries.addObject();
            e.put("entry", entryName(i, params.get(i)));
            Arrays.stream(params.get(i).shape()).forEach(e.putArray("shape")::add);
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(JSON));
            zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            zip.closeEntry();
            for (int i = 0; i < params.size(); i++) {
                zip.putNextEntry(new ZipEntry(entryName(i, params.get(i))));
                zip.write(Nd4j.toNpyByteArray(params.get(i).value().dup('c')));
                zip.closeEntry();
            }
            if (model.optimizerState() != null) {
                zip.putNextEntry(new ZipEntry(OPTIMIZER));
                zip.write(Nd4j.toNpyByteArray(model.optimizerState().dup('c')));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    private static String entryName(int index, Parameter p) {
        return String.format(Locale.ROOT, "p%04d_%s.npy", index, p.name().replaceAll("[^A-Za-z0-9]", "_"));
    }

    private static ImageFlow architecture(Path file, String family, JsonNode arch) throws IOException {
        Class<? extends ImageFlow> type = switch (family) {
            case "glow" -> Glow.class;
            case "realnvp" -> RealNvpImage.class;
            case "nice" -> NiceImage.class;
            default -> throw new DataFormatException(file + ": unknown model family '" + family + "'");
        };
        return MAPPER.treeToValue(arch, type);
    }

    public static ImageModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such model file");
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
            if (!FORMAT.equals(json.path("format").asText())) {
                throw new DataFormatException(file + ": not a flows4j image model (format '" + json.path("format").asText()
                        + "')");
            }
            int version = json.path("version").asInt(-1);
            if (version > VERSION || version < 1) {
                throw new DataFormatException(file + ": model format version " + version + " is not one this flows4j "
                        + "reads (1 to " + VERSION + ")");
            }
            DataType type = DataType.valueOf(json.path("dataType").asText("FLOAT"));
            Nd4j.setDefaultDataTypes(type, type);
            ImageFlow spec = architecture(file, json.path("family").asText(), json.path("architecture"));
            ImageModel model = ImageModel.create(spec, json.path("nBits").asInt(8));
            List<Parameter> params = model.flow().parameters();
            JsonNode entries = json.path("parameters");
            if (entries.size() != params.size()) {
                throw new DataFormatException(file + ": lists " + entries.size() + " parameters, its architecture has "
                        + params.size());
            }
            for (int i = 0; i < params.size(); i++) {
                INDArray w = readArray(file, zip, entries.get(i).path("entry").asText());
                Parameter p = params.get(i);
                if (!Arrays.equals(w.shape(), p.shape())) {
                    throw new DataFormatException(file + ": weights " + entries.get(i).path("entry").asText() + " have shape "
                            + Arrays.toString(w.shape()) + ", the architecture expects " + Arrays.toString(p.shape()));
                }
                p.value().assign(w.castTo(p.value().dataType()));
            }
            if (json.path("initialized").asBoolean(false)) {
                DataInitialization.markAll(model.flow().bijector());
            }
            for (JsonNode point : json.path("curve")) {
                model.curve().add(MAPPER.treeToValue(point, CurvePoint.class));
            }
            INDArray state = zip.getEntry(OPTIMIZER) == null ? null : readArray(file, zip, OPTIMIZER);
            model.advance(json.path("step").asInt(0), json.path("seconds").asDouble(0), state);
            return model;
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file + ": corrupt or truncated model file (" + e.getMessage() + ")");
        }
    }

    private static INDArray readArray(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new DataFormatException(file + ": entry " + name + " is missing");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Nd4j.createNpyFromByteArray(in.readAllBytes());
        }
    }
}
