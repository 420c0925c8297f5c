package org.flows4j.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.bijectors.AdditiveMap;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.DiagonalScaling;
import org.flows4j.bijectors.ElementwiseMap;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Partition;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.Standardization;
import org.flows4j.bijectors.image.ActNormLayer;
import org.flows4j.bijectors.image.ChannelSplit;
import org.flows4j.bijectors.image.FactorOut;
import org.flows4j.bijectors.image.Flatten;
import org.flows4j.bijectors.image.ImageMask;
import org.flows4j.bijectors.image.InvertibleConv1x1;
import org.flows4j.bijectors.image.InvertibleConv1x1Lu;
import org.flows4j.bijectors.image.LogitTransform;
import org.flows4j.bijectors.image.Squeeze;
import org.flows4j.bijectors.nn.Conditioner;
import org.flows4j.bijectors.nn.Conv2d;
import org.flows4j.bijectors.nn.Layer;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.bijectors.nn.Relu;
import org.flows4j.bijectors.nn.Residual;
import org.flows4j.bijectors.nn.Sequential;
import org.flows4j.bijectors.nn.ZeroConv2d;
import org.flows4j.core.Bijector;
import org.flows4j.core.Chain;
import org.flows4j.core.dist.DiagonalGaussian;
import org.flows4j.core.dist.StandardLogistic;
import org.flows4j.core.dist.StandardNormal;
import org.flows4j.data.DataFormatException;

/**
 * The registry of {@link PartKind}s: every bijector, network layer and base distribution of the library, and the
 * kinds users register. A part is matched by its exact class; a kind's name is unique.
 */
final class PartKinds {
    private static final Map<String, PartKind<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, PartKind<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        builtIns().forEach(PartKinds::register);
        formerKinds().forEach(k -> BY_NAME.put(k.name(), k));
    }

    private PartKinds() {
    }

    /** Adds a kind; a name or class already registered is refused. */
    static synchronized void register(PartKind<?> kind) {
        PartKind<?> sameName = BY_NAME.get(kind.name());
        PartKind<?> sameType = BY_TYPE.get(kind.type());
        if (sameName != null || sameType != null) {
            throw new IllegalArgumentException("PartKind " + kind.name() + " for " + kind.type().getName()
                    + ": already registered " + (sameName != null ? "as the kind of " + sameName.type().getName()
                    : "as " + sameType.name()));
        }
        BY_NAME.put(kind.name(), kind);
        BY_TYPE.put(kind.type(), kind);
    }

    /** The kind of {@code part}, refused in one line when its class has none. */
    static synchronized PartKind<?> forPart(Object part, String where) {
        PartKind<?> kind = BY_TYPE.get(part.getClass());
        if (kind == null) {
            throw new IllegalArgumentException("FlowFiles.save: " + where + " is a " + part.getClass().getName()
                    + ", which has no registered kind; register one with FlowFiles.register(new PartKind<>(…))");
        }
        return kind;
    }

    /** The kind named {@code name}, refused in one line when unknown. */
    static synchronized PartKind<?> byName(String name, String file, String where) {
        PartKind<?> kind = BY_NAME.get(name);
        if (kind == null) {
            throw new DataFormatException(file + ": " + where + ": unknown part kind '" + name
                    + "' (a kind of your own must be registered with FlowFiles.register before loading)");
        }
        return kind;
    }

    private static List<PartKind<?>> builtIns() {
        return List.of(
                // core
                new PartKind<>("Chain", Chain.class, (c, out) -> out.putParts("parts", c.parts())
                        .put("scoped", c.isScoped()).put("checkpointed", c.isCheckpointed()), in -> {
                            Chain c = Chain.of(in.parts("parts", Bijector.class));
                            c = in.getBoolean("scoped") ? c.scoped() : c;
                            return in.getBoolean("checkpointed") ? c.checkpointed() : c;
                        }),
                new PartKind<>("StandardNormal", StandardNormal.class, (d, out) -> out.put("eventShape",
                        d.eventShape()), in -> new StandardNormal(in.getLongs("eventShape"))),
                new PartKind<>("StandardLogistic", StandardLogistic.class, (d, out) -> out.put("eventShape",
                        d.eventShape()), in -> new StandardLogistic(in.getLongs("eventShape"))),
                new PartKind<>("DiagonalGaussian", DiagonalGaussian.class, (d, out) -> out.put("eventShape",
                        d.eventShape()), in -> new DiagonalGaussian(in.getLongs("eventShape"))),
                // the coupling algebra: a coupling, its partitions and its element-wise maps
                new PartKind<>("Coupling", Coupling.class, (b, out) -> out.putPart("partition", b.partition())
                        .putPart("map", b.map()).putPart("conditioner", b.conditioner()), in -> new Coupling(
                                in.part("partition", Partition.class), in.part("conditioner", Conditioner.class),
                                in.part("map", ElementwiseMap.class))),
                new PartKind<>("Mask", Mask.class, PartKinds::mask, PartKinds::mask),
                new PartKind<>("ImageMask", ImageMask.class, (m, out) -> out.put("mask", m.kind().name())
                        .put("eventShape", m.eventShape()).put("flipped", m.flipped()), PartKinds::imageMask),
                new PartKind<>("ChannelSplit", ChannelSplit.class, (p, out) -> out.put("channels", p.channels())
                        .put("flipped", p.flipped()), in -> new ChannelSplit(in.getInt("channels"),
                                // Format 3 added the flag; a split of an older file keeps the first half.
                                in.version() >= 3 && in.getBoolean("flipped"))),
                new PartKind<>("AdditiveMap", AdditiveMap.class, (m, out) -> { }, in -> new AdditiveMap()),
                new PartKind<>("AffineMap", AffineMap.class, (m, out) -> {
                    CouplingScales.write(m.scale(), out);
                    out.put("order", m.order().name());
                }, in -> new AffineMap(CouplingScales.read(in, false),
                        in.getChoice("order", AffineMap.Order.class))),
                // bijectors
                new PartKind<>("Permutation", Permutation.class, (b, out) -> out.put("order", b.order()),
                        in -> Permutation.of(in.getInts("order"))),
                new PartKind<>("DiagonalScaling", DiagonalScaling.class, (b, out) -> out.put("dim",
                        b.eventShape()[0]), in -> new DiagonalScaling(in.getInt("dim"))),
                new PartKind<>("ActNorm", ActNorm.class, (b, out) -> out.put("channels", b.channels())
                        .put("logScaleFactor", b.logScaleFactor()).put("initialized", b.initialized()),
                        // Format 1 wrote a table's ActNorm with its "dim" and no factor (f = 1).
                        in -> actNorm(in.version() < 2 ? in.getInt("dim") : in.getInt("channels"),
                                in.version() < 2 ? 1 : in.getDouble("logScaleFactor"), in.getBoolean("initialized"))),
                new PartKind<>("Standardization", Standardization.class, (b, out) -> out.put("mean", b.mean())
                        .put("scale", b.scale()), in -> new Standardization(in.getDoubles("mean"),
                        in.getDoubles("scale"))),
                // image bijectors
                new PartKind<>("InvertibleConv1x1", InvertibleConv1x1.class, (b, out) -> out.put("channels",
                        b.channels()), in -> new InvertibleConv1x1(in.getInt("channels"), 0)),
                new PartKind<>("InvertibleConv1x1Lu", InvertibleConv1x1Lu.class, (b, out) -> out.put("channels",
                        b.channels()).put("seed", b.seed()), in -> new InvertibleConv1x1Lu(in.getInt("channels"),
                        in.getLong("seed"))),
                new PartKind<>("Squeeze", Squeeze.class, (b, out) -> { }, in -> new Squeeze()),
                new PartKind<>("Flatten", Flatten.class, (b, out) -> out.put("eventShape", b.eventShape()),
                        in -> new Flatten(in.getLongs("eventShape"))),
                new PartKind<>("LogitTransform", LogitTransform.class, (b, out) -> out.put("alpha", b.alpha()),
                        in -> new LogitTransform(in.getDouble("alpha"))),
                new PartKind<>("FactorOut", FactorOut.class, (b, out) -> out.put("inputShape", b.inputShape())
                        .putPart("prior", b.prior()).putPart("rest", b.rest()), in -> {
                            int[] s = in.getInts("inputShape", 3);
                            return new FactorOut(s[0], s[1], s[2], in.part("prior", Layer.class),
                                    in.part("rest", Bijector.class));
                        }),
                // conditioner networks and their layers
                new PartKind<>("Mlp", Mlp.class, (n, out) -> out.put("widths", n.widths()), in -> {
                    int[] w = in.getInts("widths");
                    if (w.length < 2) {
                        throw new IllegalArgumentException("an Mlp needs an input and an output width, got "
                                + java.util.Arrays.toString(w));
                    }
                    return new Mlp(w[0], java.util.Arrays.copyOfRange(w, 1, w.length - 1), w[w.length - 1], 0);
                }),
                new PartKind<>("Sequential", Sequential.class, (n, out) -> out.putParts("layers", n.layers()),
                        in -> new Sequential(in.parts("layers", Layer.class))),
                new PartKind<>("Conv2d", Conv2d.class, (n, out) -> out.put("in", n.inChannels())
                        .put("out", n.outChannels()).put("kernel", n.kernel()).put("bias", n.hasBias()),
                        in -> new Conv2d(in.getInt("in"), in.getInt("out"), in.getInt("kernel"), 0,
                                in.getBoolean("bias"), 0)),
                new PartKind<>("ZeroConv2d", ZeroConv2d.class, (n, out) -> out.put("in", n.conv().inChannels())
                        .put("out", n.conv().outChannels()).put("kernel", n.conv().kernel()),
                        in -> new ZeroConv2d(in.getInt("in"), in.getInt("out"), in.getInt("kernel"))),
                new PartKind<>("Relu", Relu.class, (n, out) -> { }, in -> new Relu()),
                new PartKind<>("Residual", Residual.class, (n, out) -> out.putPart("body", n.body()),
                        in -> new Residual(in.part("body", Layer.class))),
                new PartKind<>("ActNormLayer", ActNormLayer.class, (n, out) -> out.put("channels",
                        n.norm().channels()).put("logScaleFactor", n.norm().logScaleFactor())
                        .put("initialized", n.initialized()).put("relu", n.relu()), in -> {
                            // Format 1 files written before the fused ReLU have no "relu" (a separate Relu part
                            // follows); format 2 and later always record it.
                            ActNormLayer a = new ActNormLayer(in.getInt("channels"), in.getDouble("logScaleFactor"),
                                    in.version() >= 2 ? in.getBoolean("relu")
                                            : in.has("relu") && in.getBoolean("relu"));
                            if (in.getBoolean("initialized")) {
                                a.markInitialized();
                            }
                            return a;
                        }));
    }

    /**
     * The kinds format 1 wrote and this code reads into today's classes: the four coupling classes, now one
     * {@link Coupling} each, the image ActNorm and the channel permutation.
     */
    private static List<PartKind<?>> formerKinds() {
        return List.of(
                new PartKind<>("AffineCoupling", Coupling.class, PartKinds::notWritten, in -> new Coupling(mask(in),
                        in.part("conditioner", Conditioner.class), AffineMap.scaleThenShift(CouplingScales.read(in, true)))),
                new PartKind<>("AdditiveCoupling", Coupling.class, PartKinds::notWritten, in -> new Coupling(mask(in),
                        in.part("conditioner", Conditioner.class), new AdditiveMap())),
                new PartKind<>("ImageCoupling", Coupling.class, PartKinds::notWritten, in -> new Coupling(imageMask(in),
                        in.part("conditioner", Conditioner.class), glowMap(in))),
                new PartKind<>("ChannelCoupling", Coupling.class, PartKinds::notWritten, in -> new Coupling(
                        new ChannelSplit(in.getInt("channels")), in.part("conditioner", Conditioner.class),
                        glowMap(in))),
                new PartKind<>("ActNorm2d", ActNorm.class, PartKinds::notWritten, in -> actNorm(in.getInt("channels"),
                        in.getDouble("logScaleFactor"), in.getBoolean("initialized"))),
                new PartKind<>("ChannelPermutation", Permutation.class, PartKinds::notWritten,
                        in -> Permutation.of(in.getInts("order"))));
    }

    private static void notWritten(Object part, PartConfig out) {
        throw new IllegalStateException("a former kind is read, never written: " + part);
    }

    /** The image couplings of format 1: Glow's affine map with its scale floor, or the additive one. */
    private static ElementwiseMap glowMap(PartConfig in) {
        return in.getBoolean("affine") ? AffineMap.shiftThenScale(CouplingScale.sigmoid(in.getDouble("scaleFloor")))
                : new AdditiveMap();
    }

    private static ActNorm actNorm(int channels, double logScaleFactor, boolean initialized) {
        ActNorm a = new ActNorm(channels, logScaleFactor);
        if (initialized) {
            a.markInitialized();
        }
        return a;
    }

    private static ImageMask imageMask(PartConfig in) {
        int[] s = in.getInts("eventShape", 3);
        return ImageMask.of(in.getChoice("mask", ImageMask.Kind.class), s[0], s[1], s[2], in.getBoolean("flipped"));
    }

    private static void mask(Mask m, PartConfig out) {
        out.put("mask", m.kind().name()).put("dim", m.dim()).put("flipped", m.flipped());
    }

    private static Mask mask(PartConfig in) {
        return Mask.of(in.getChoice("mask", Mask.Kind.class), in.getInt("dim"), in.getBoolean("flipped"));
    }
}
