package org.flows4j.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flows4j.bijectors.ActNorm;
import org.flows4j.bijectors.AdditiveCoupling;
import org.flows4j.bijectors.AffineCoupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.DiagonalScaling;
import org.flows4j.bijectors.Mask;
import org.flows4j.bijectors.Permutation;
import org.flows4j.bijectors.Standardization;
import org.flows4j.bijectors.image.ActNorm2d;
import org.flows4j.bijectors.image.ActNormLayer;
import org.flows4j.bijectors.image.ChannelPermutation;
import org.flows4j.bijectors.image.FactorOut;
import org.flows4j.bijectors.image.Flatten;
import org.flows4j.bijectors.image.ChannelCoupling;
import org.flows4j.bijectors.image.ImageCoupling;
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
                // tabular bijectors
                new PartKind<>("AffineCoupling", AffineCoupling.class, (b, out) -> {
                    mask(b.mask(), out);
                    scale(b.scale(), out);
                    out.putPart("conditioner", b.conditioner());
                }, in -> new AffineCoupling(mask(in), in.part("conditioner", Conditioner.class), scale(in))),
                new PartKind<>("AdditiveCoupling", AdditiveCoupling.class, (b, out) -> {
                    mask(b.mask(), out);
                    out.putPart("conditioner", b.conditioner());
                }, in -> new AdditiveCoupling(mask(in), in.part("conditioner", Conditioner.class))),
                new PartKind<>("Permutation", Permutation.class, (b, out) -> out.put("order", b.order()),
                        in -> Permutation.of(in.getInts("order"))),
                new PartKind<>("DiagonalScaling", DiagonalScaling.class, (b, out) -> out.put("dim",
                        b.eventShape()[0]), in -> new DiagonalScaling(in.getInt("dim"))),
                new PartKind<>("ActNorm", ActNorm.class, (b, out) -> out.put("dim", b.dim())
                        .put("initialized", b.initialized()), in -> {
                            ActNorm a = new ActNorm(in.getInt("dim"));
                            if (in.getBoolean("initialized")) {
                                a.markInitialized();
                            }
                            return a;
                        }),
                new PartKind<>("Standardization", Standardization.class, (b, out) -> out.put("mean", b.mean())
                        .put("scale", b.scale()), in -> new Standardization(in.getDoubles("mean"),
                        in.getDoubles("scale"))),
                // image bijectors
                new PartKind<>("ActNorm2d", ActNorm2d.class, (b, out) -> out.put("channels", b.channels())
                        .put("logScaleFactor", b.logScaleFactor()).put("initialized", b.initialized()), in -> {
                            ActNorm2d a = new ActNorm2d(in.getInt("channels"), in.getDouble("logScaleFactor"));
                            if (in.getBoolean("initialized")) {
                                a.markInitialized();
                            }
                            return a;
                        }),
                new PartKind<>("ChannelPermutation", ChannelPermutation.class, (b, out) -> out.put("order",
                        b.order()), in -> new ChannelPermutation(in.getInts("order"))),
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
                            int[] s = in.getInts("inputShape");
                            return new FactorOut(s[0], s[1], s[2], in.part("prior", Layer.class),
                                    in.part("rest", Bijector.class));
                        }),
                new PartKind<>("ImageCoupling", ImageCoupling.class, (b, out) -> {
                    ImageMask m = b.mask();
                    out.put("mask", m.kind().name()).put("eventShape", m.eventShape()).put("flipped", m.flipped())
                            .put("affine", b.isAffine()).put("scaleFloor", b.scaleFloor())
                            .putPart("conditioner", b.conditioner());
                }, in -> {
                    int[] s = in.getInts("eventShape");
                    ImageMask m = ImageMask.of(ImageMask.Kind.valueOf(in.getString("mask")), s[0], s[1], s[2],
                            in.getBoolean("flipped"));
                    Conditioner net = in.part("conditioner", Conditioner.class);
                    return in.getBoolean("affine") ? ImageCoupling.affine(m, net, in.getDouble("scaleFloor"))
                            : ImageCoupling.additive(m, net);
                }),
                new PartKind<>("ChannelCoupling", ChannelCoupling.class, (b, out) -> out.put("channels", b.channels())
                        .put("affine", b.isAffine()).put("scaleFloor", b.scaleFloor())
                        .putPart("conditioner", b.conditioner()), in -> {
                            Conditioner net = in.part("conditioner", Conditioner.class);
                            return in.getBoolean("affine")
                                    ? ChannelCoupling.affine(in.getInt("channels"), net, in.getDouble("scaleFloor"))
                                    : ChannelCoupling.additive(in.getInt("channels"), net);
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
                            // Files written before the fused ReLU have no "relu": a separate Relu part follows.
                            ActNormLayer a = new ActNormLayer(in.getInt("channels"), in.getDouble("logScaleFactor"),
                                    in.has("relu") && in.getBoolean("relu"));
                            if (in.getBoolean("initialized")) {
                                a.markInitialized();
                            }
                            return a;
                        }));
    }

    private static void mask(Mask m, PartConfig out) {
        out.put("mask", m.kind().name()).put("dim", m.dim()).put("flipped", m.flipped());
    }

    private static Mask mask(PartConfig in) {
        return Mask.of(Mask.Kind.valueOf(in.getString("mask")), in.getInt("dim"), in.getBoolean("flipped"));
    }

    private static void scale(CouplingScale s, PartConfig out) {
        out.put("scale", CouplingScales.name(s));
        if (!Double.isNaN(CouplingScales.bound(s))) {
            out.put("scaleBound", CouplingScales.bound(s));
        }
    }

    private static CouplingScale scale(PartConfig in) {
        String name = in.getString("scale");
        return CouplingScales.of(name, in.has("scaleBound") ? in.getDouble("scaleBound") : Double.NaN);
    }
}
