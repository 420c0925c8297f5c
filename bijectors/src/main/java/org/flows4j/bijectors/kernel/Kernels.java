package org.flows4j.bijectors.kernel;

import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused element-wise kernels of the bijectors and networks. Arrays are batches {@code [N, C, ...]} whose
 * dimension 1 is the channel (the feature for {@code [N, D]} tables) and whose further dimensions, if any, are
 * spatial, {@code S} elements per channel. Each kernel takes the {@link Path#HOST host} path where it can (see the
 * package documentation) and the {@link Path#ND4J} path otherwise; both give the same results to the tolerance of
 * float32.
 */
public final class Kernels {
    /** Which implementation a kernel runs. */
    public enum Path {
        /** Fused loops over host memory: the Vector API for float32, plain loops for float64. */
        HOST,
        /** ND4J's ops: any backend, any memory. */
        ND4J
    }

    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean CPU_BACKEND = Nd4j.getBackend().getClass().getName().contains(".nativecpu.");
    private static volatile Path forced = "nd4j".equalsIgnoreCase(System.getProperty("flows4j.kernels")) ? Path.ND4J
            : null;

    private Kernels() {
    }

    /**
     * Forces every kernel onto {@code path} ({@code null} restores the automatic choice) and returns the previous
     * setting; {@link Path#HOST} is refused where the host path cannot run. For tests and benchmarks.
     */
    public static Path use(Path path) {
        if (path == Path.HOST && !hostAvailable()) {
            throw new IllegalStateException("the host kernels need the CPU backend and the JVM option "
                    + "--add-modules jdk.incubator.vector; " + unavailableReason());
        }
        Path previous = forced;
        forced = path;
        return previous;
    }

    /** Whether the host path can run here: the CPU backend, with the Vector API module resolved. */
    public static boolean hostAvailable() {
        return VECTOR_MODULE && CPU_BACKEND;
    }

    private static String unavailableReason() {
        return !CPU_BACKEND ? "the backend is " + Nd4j.getBackend().getClass().getSimpleName()
                : "jdk.incubator.vector is not resolved";
    }

    /** The path kernels take for float32 and float64 arrays now, and why, in one line (for backend reports). */
    public static String describe() {
        Path p = path();
        if (p == Path.HOST) {
            return "host (Vector API, " + VectorLoops.lanes() + " float lanes)";
        }
        return "ND4J ops (" + (forced == Path.ND4J ? "forced" : unavailableReason()) + ")";
    }

    /** The path in force: the forced one, else host where available, else ND4J. */
    public static Path path() {
        Path f = forced;
        return f != null ? f : hostAvailable() ? Path.HOST : Path.ND4J;
    }

    private static boolean host(INDArray... arrays) {
        if (path() != Path.HOST) {
            return false;
        }
        for (INDArray a : arrays) {
            DataType t = a.dataType();
            if (t != DataType.FLOAT && t != DataType.DOUBLE) {
                return false;
            }
        }
        return true;
    }

    /** {@code [N, C, S]}: the batch, channel and spatial sizes of {@code x}, checked against {@code channels}. */
    static int[] layout(String kernel, INDArray x, int channels) {
        if (x.rank() < 2 || x.size(1) != channels) {
            throw new IllegalArgumentException(kernel + ": expected an array [N, " + channels + ", ...], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        long n = x.size(0);
        long s = x.length() / Math.max(1, n * channels);
        if (x.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(kernel + ": arrays of more than 2^31 elements are not supported, got "
                    + x.length());
        }
        return new int[] {(int) n, channels, (int) s};
    }

    private static void requireSameShape(String kernel, INDArray a, INDArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape()) || a.dataType() != b.dataType()) {
            throw new IllegalArgumentException(kernel + ": expected two arrays of one shape and type, got "
                    + java.util.Arrays.toString(a.shape()) + " " + a.dataType() + " and "
                    + java.util.Arrays.toString(b.shape()) + " " + b.dataType());
        }
    }

    private static int channels(String kernel, double[] scale, double[] shift) {
        if (scale != null && shift != null && scale.length != shift.length) {
            throw new IllegalArgumentException(kernel + ": expected scale and shift of one length, got "
                    + scale.length + " and " + shift.length);
        }
        if (scale == null && shift == null) {
            throw new IllegalArgumentException(kernel + ": expected a scale or a shift, got neither");
        }
        return scale != null ? scale.length : shift.length;
    }

    /**
     * {@code y = act(a_c·x + b_c)} per channel c, a new array; {@code act} is ReLU when {@code relu}, else the
     * identity. A null {@code scale} means a = 1, a null {@code shift} b = 0 (not both).
     */
    public static INDArray channelAffine(INDArray x, double[] scale, double[] shift, boolean relu) {
        int[] l = layout("channelAffine", x, channels("channelAffine", scale, shift));
        if (host(x)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
            HostLoops.channelAffine(ArrayMemory.of(xc), ArrayMemory.of(y), l, scale, shift, relu);
            java.lang.ref.Reference.reachabilityFence(xc);
            return y;
        }
        return Nd4jOps.channelAffine(x, x.ulike(), scale, shift, relu);
    }

    /** {@link #channelAffine} written over {@code x}, which must be c-contiguous on the host path. */
    public static void channelAffineInPlace(INDArray x, double[] scale, double[] shift, boolean relu) {
        int[] l = layout("channelAffineInPlace", x, channels("channelAffineInPlace", scale, shift));
        if (host(x) && ArrayMemory.isContiguous(x)) {
            ArrayMemory m = ArrayMemory.of(x);
            HostLoops.channelAffine(m, m, l, scale, shift, relu);
            java.lang.ref.Reference.reachabilityFence(x);
            return;
        }
        Nd4jOps.channelAffine(x, x, scale, shift, relu);
    }

    /**
     * The backward pass of {@code y = act(a_c·x + b_c)} from its output {@code y} and {@code dL/dy}: with
     * {@code g_z = dL/dy·[y > 0]} for ReLU (else {@code dL/dy}), {@code dL/dx = g_z·a_c} and the per-channel sums
     * {@code Σ g_z} (the shift's gradient is {@code Σ g_z}) and {@code Σ g_z·y} (for a log-scale s with
     * {@code a = e^s}, {@code dL/ds = Σ g_z·(y − b)}; for ActNorm's {@code y = (x + b)·e^s} it is {@code Σ g_z·y}).
     */
    public static ChannelGradients channelAffineBackward(INDArray y, INDArray gradOutput, double[] scale, boolean relu) {
        int[] l = layout("channelAffineBackward", y, scale != null ? scale.length : Math.toIntExact(y.size(1)));
        requireSameShape("channelAffineBackward", y, gradOutput);
        if (host(y, gradOutput)) {
            INDArray yc = ArrayMemory.contiguous(y);
            INDArray gc = ArrayMemory.contiguous(gradOutput);
            INDArray gx = Nd4j.createUninitialized(y.dataType(), y.shape());
            double[] sumG = new double[l[1]];
            double[] sumGy = new double[l[1]];
            HostLoops.channelBackward(ArrayMemory.of(yc), ArrayMemory.of(gc), ArrayMemory.of(gx), l, scale, relu,
                    sumG, sumGy);
            java.lang.ref.Reference.reachabilityFence(new Object[] {yc, gc});
            return new ChannelGradients(gx, sumG, sumGy);
        }
        return Nd4jOps.channelBackward(y, gradOutput, scale, relu);
    }

    /** Per channel {@code Σ x} over the batch and spatial positions, in double precision. */
    public static double[] channelSums(INDArray x, int channels) {
        int[] l = layout("channelSums", x, channels);
        if (host(x)) {
            INDArray xc = ArrayMemory.contiguous(x);
            double[] sums = HostLoops.channelSums(ArrayMemory.of(xc), l);
            java.lang.ref.Reference.reachabilityFence(xc);
            return sums;
        }
        return Nd4jOps.channelSums(x);
    }

    /** {@code g ← g·[y > 0]}, the ReLU's backward pass in place, with y the ReLU's output; g must be c-contiguous. */
    public static void reluBackwardInPlace(INDArray gradOutput, INDArray y) {
        requireSameShape("reluBackwardInPlace", y, gradOutput);
        if (host(y, gradOutput) && ArrayMemory.isContiguous(gradOutput)) {
            INDArray yc = ArrayMemory.contiguous(y);
            HostLoops.reluBackward(ArrayMemory.of(gradOutput), ArrayMemory.of(yc), gradOutput.length());
            java.lang.ref.Reference.reachabilityFence(new Object[] {yc, gradOutput});
            return;
        }
        gradOutput.muli(y.gt(0).castTo(gradOutput.dataType()));
    }

    /** {@code target += values}, element by element in c order: small parameter gradients. */
    public static void addTo(INDArray target, double[] values) {
        if (target.length() != values.length) {
            throw new IllegalArgumentException("addTo: expected " + target.length() + " values, got " + values.length);
        }
        if (host(target) && ArrayMemory.isContiguous(target)) {
            ArrayMemory m = ArrayMemory.of(target);
            for (int i = 0; i < values.length; i++) {
                m.add(i, values[i]);
            }
            java.lang.ref.Reference.reachabilityFence(target);
            return;
        }
        target.addi(Nd4j.createFromArray(values).reshape(target.shape()).castTo(target.dataType()));
    }

    /**
     * Glow's affine map, element by element on arrays of one shape {@code [N, ...]}: {@code y = (x + t)·s} with
     * {@code s = ε + (1 − ε)·sigmoid(a + 2)} and the floor {@code ε = floor} in [0, 1); returns y and
     * {@code Σ log s} per sample (shape {@code [N]}).
     */
    public static Transformed sigmoidAffineForward(INDArray x, INDArray shift, INDArray rawScale, double floor) {
        return sigmoidAffineForward(x, shift, rawScale, floor, null);
    }

    /**
     * {@link #sigmoidAffineForward(INDArray, INDArray, INDArray, double)} under a multiplicative mask b over one
     * event ({@code keep[e]}, one entry per element of a sample): kept elements pass unchanged and add nothing to
     * the log-det, {@code y = b⊙x + (1 − b)⊙(x + t)·s}; {@code keep == null} transforms every element.
     */
    public static Transformed sigmoidAffineForward(INDArray x, INDArray shift, INDArray rawScale, double floor,
                                                   boolean[] keep) {
        requireSameShape("sigmoidAffineForward", x, shift);
        requireSameShape("sigmoidAffineForward", x, rawScale);
        requireMask("sigmoidAffineForward", x, keep);
        if (host(x)) {
            INDArray[] c = {ArrayMemory.contiguous(x), ArrayMemory.contiguous(shift), ArrayMemory.contiguous(rawScale)};
            INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
            INDArray logDet = Nd4j.createUninitialized(x.dataType(), x.size(0));
            HostLoops.sigmoidAffineForward(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(c[2]),
                    ArrayMemory.of(y), ArrayMemory.of(logDet), (int) x.size(0), rowLength(x), floor, keep);
            java.lang.ref.Reference.reachabilityFence(c);
            return new Transformed(y, logDet);
        }
        return Nd4jOps.sigmoidAffineForward(x, shift, rawScale, floor, keep);
    }

    /** The inverse of {@link #sigmoidAffineForward(INDArray, INDArray, INDArray, double)}: {@code x = y/s − t}. */
    public static INDArray sigmoidAffineInverse(INDArray y, INDArray shift, INDArray rawScale, double floor) {
        return sigmoidAffineInverse(y, shift, rawScale, floor, null);
    }

    /** The inverse of the masked {@link #sigmoidAffineForward(INDArray, INDArray, INDArray, double, boolean[])}. */
    public static INDArray sigmoidAffineInverse(INDArray y, INDArray shift, INDArray rawScale, double floor,
                                                boolean[] keep) {
        requireSameShape("sigmoidAffineInverse", y, shift);
        requireSameShape("sigmoidAffineInverse", y, rawScale);
        requireMask("sigmoidAffineInverse", y, keep);
        if (host(y)) {
            INDArray[] c = {ArrayMemory.contiguous(y), ArrayMemory.contiguous(shift), ArrayMemory.contiguous(rawScale)};
            INDArray x = Nd4j.createUninitialized(y.dataType(), y.shape());
            HostLoops.sigmoidAffineInverse(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(c[2]),
                    ArrayMemory.of(x), (int) y.size(0), rowLength(y), floor, keep);
            java.lang.ref.Reference.reachabilityFence(c);
            return x;
        }
        return Nd4jOps.sigmoidAffineInverse(y, shift, rawScale, floor, keep);
    }

    /**
     * The backward pass of {@link #sigmoidAffineForward(INDArray, INDArray, INDArray, double)} from its output y,
     * {@code dL/dy} and {@code dL/dlogdet} (shape {@code [N]}): {@code x = y/s − t}, {@code dL/dx = dL/dt = dL/dy·s}
     * and {@code dL/da = (dL/dy·y + dL/dlogdet)·d log s/da} with {@code d log s/da = (1 − ε)·σ(1 − σ)/s}.
     */
    public static AffineGradients sigmoidAffineBackward(INDArray y, INDArray gradOutput, INDArray shift,
                                                        INDArray rawScale, INDArray gradLogDet, double floor) {
        return sigmoidAffineBackward(y, gradOutput, shift, rawScale, gradLogDet, floor, null);
    }

    /**
     * The backward pass of the masked map: on kept elements {@code x = y}, {@code dL/dx = dL/dy} (the conditioner's
     * share is the caller's) and {@code dL/dt = dL/da = 0}; elsewhere as the unmasked one.
     */
    public static AffineGradients sigmoidAffineBackward(INDArray y, INDArray gradOutput, INDArray shift,
                                                        INDArray rawScale, INDArray gradLogDet, double floor,
                                                        boolean[] keep) {
        requireSameShape("sigmoidAffineBackward", y, gradOutput);
        requireSameShape("sigmoidAffineBackward", y, shift);
        requireSameShape("sigmoidAffineBackward", y, rawScale);
        requireMask("sigmoidAffineBackward", y, keep);
        requireRows("sigmoidAffineBackward", y, gradLogDet);
        if (host(y, gradOutput, gradLogDet)) {
            INDArray[] c = {ArrayMemory.contiguous(y), ArrayMemory.contiguous(gradOutput), ArrayMemory.contiguous(shift),
                ArrayMemory.contiguous(rawScale), ArrayMemory.contiguous(gradLogDet)};
            INDArray x = Nd4j.createUninitialized(y.dataType(), y.shape());
            INDArray gx = Nd4j.createUninitialized(y.dataType(), y.shape());
            // Unmasked, dL/dt equals dL/dx: one array serves both (the loop writes the same value twice).
            INDArray gt = keep == null ? gx : Nd4j.createUninitialized(y.dataType(), y.shape());
            INDArray ga = Nd4j.createUninitialized(y.dataType(), y.shape());
            HostLoops.sigmoidAffineBackward(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(c[2]),
                    ArrayMemory.of(c[3]), ArrayMemory.of(c[4]), ArrayMemory.of(x), ArrayMemory.of(gx), ArrayMemory.of(gt),
                    ArrayMemory.of(ga), (int) y.size(0), rowLength(y), floor, keep);
            java.lang.ref.Reference.reachabilityFence(c);
            return new AffineGradients(x, gx, gt, ga);
        }
        return Nd4jOps.sigmoidAffineBackward(y, gradOutput, shift, rawScale, gradLogDet, floor, keep);
    }

    private static void requireMask(String kernel, INDArray x, boolean[] keep) {
        if (keep != null && keep.length != rowLength(x)) {
            throw new IllegalArgumentException(kernel + ": expected a mask over " + rowLength(x) + " elements per sample, "
                    + "got " + keep.length);
        }
    }

    private static void requireRows(String kernel, INDArray x, INDArray perRow) {
        if (perRow.length() != x.size(0)) {
            throw new IllegalArgumentException(kernel + ": expected one value per sample, " + x.size(0) + ", got "
                    + java.util.Arrays.toString(perRow.shape()));
        }
    }

    private static void requireTable(String kernel, INDArray x, int[] columns) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(kernel + ": expected a table [N, D], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        for (int c : columns) {
            if (c < 0 || c >= x.size(1)) {
                throw new IllegalArgumentException(kernel + ": column " + c + " outside [0, " + x.size(1) + ")");
            }
        }
    }

    /** {@code x[:, columns]}, a new c-ordered {@code [N, |columns|]} table. */
    public static INDArray gatherColumns(INDArray x, int[] columns) {
        requireTable("gatherColumns", x, columns);
        if (host(x)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), columns.length);
            CouplingLoops.gatherColumns(ArrayMemory.of(xc), ArrayMemory.of(out), (int) x.size(0), (int) x.size(1),
                    columns);
            java.lang.ref.Reference.reachabilityFence(xc);
            return out;
        }
        return Nd4jOps.gatherColumns(x, columns);
    }

    /** {@code target[:, columns[j]] += values[:, j]} in place; {@code target} must be c-contiguous. */
    public static void addToColumns(INDArray target, INDArray values, int[] columns) {
        requireTable("addToColumns", target, columns);
        if (values.rank() != 2 || values.size(0) != target.size(0) || values.size(1) != columns.length
                || values.dataType() != target.dataType()) {
            throw new IllegalArgumentException("addToColumns: expected values [" + target.size(0) + ", "
                    + columns.length + "] " + target.dataType() + ", got " + java.util.Arrays.toString(values.shape())
                    + " " + values.dataType());
        }
        if (host(target, values) && ArrayMemory.isContiguous(target)) {
            INDArray vc = ArrayMemory.contiguous(values);
            CouplingLoops.addToColumns(ArrayMemory.of(target), ArrayMemory.of(vc), (int) target.size(0),
                    (int) target.size(1), columns);
            java.lang.ref.Reference.reachabilityFence(new Object[] {vc, target});
            return;
        }
        Nd4jOps.addToColumns(target, values, columns);
    }

    /** The additive coupling's map on a table: {@code out = in} with {@code out[:, b] += sign·t}, a new table. */
    public static INDArray shiftColumns(INDArray in, INDArray shift, int[] transformed, double sign) {
        requireTable("shiftColumns", in, transformed);
        requireWidth("shiftColumns", in, shift, transformed.length);
        if (host(in, shift)) {
            INDArray out = in.dup('c');
            INDArray tc = ArrayMemory.contiguous(shift);
            CouplingLoops.shiftColumns(ArrayMemory.of(out), ArrayMemory.of(tc), (int) in.size(0), (int) in.size(1),
                    transformed, sign);
            java.lang.ref.Reference.reachabilityFence(new Object[] {tc, out});
            return out;
        }
        return Nd4jOps.shiftColumns(in, shift, transformed, sign);
    }

    private static void requireWidth(String kernel, INDArray x, INDArray h, int width) {
        if (h.rank() != 2 || h.size(0) != x.size(0) || h.size(1) != width || h.dataType() != x.dataType()) {
            throw new IllegalArgumentException(kernel + ": expected the conditioner's output [" + x.size(0) + ", "
                    + width + "] " + x.dataType() + ", got " + java.util.Arrays.toString(h.shape()) + " " + h.dataType());
        }
    }

    /**
     * The affine coupling's map on a table with identity columns {@code a}, transformed columns {@code b} and the
     * conditioner's output {@code h = [t, h_s]} ({@code [N, 2·|b|]}): forward {@code y_B = x_B·s + t}, inverse
     * {@code x_B = (y_B − t)/s}, {@code log s = scale(h_s)}, identity columns copied; log-det {@code ±Σ log s}.
     */
    public static Transformed affineCoupling(INDArray in, INDArray h, int[] identity, int[] transformed,
                                             LogScale scale, boolean forward) {
        requireTable("affineCoupling", in, identity);
        requireTable("affineCoupling", in, transformed);
        requireWidth("affineCoupling", in, h, 2 * transformed.length);
        if (host(in, h)) {
            INDArray[] c = {ArrayMemory.contiguous(in), ArrayMemory.contiguous(h)};
            INDArray out = Nd4j.createUninitialized(in.dataType(), in.shape());
            INDArray logDet = Nd4j.createUninitialized(in.dataType(), in.size(0));
            CouplingLoops.affineCoupling(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(out),
                    ArrayMemory.of(logDet), (int) in.size(0), (int) in.size(1), identity, transformed, scale, forward);
            java.lang.ref.Reference.reachabilityFence(c);
            return new Transformed(out, logDet);
        }
        return Nd4jOps.affineCoupling(in, h, transformed, scale, forward);
    }

    /**
     * The backward pass of {@link #affineCoupling} (forward direction) from y, {@code dL/dy}, the conditioner's
     * output h and {@code dL/dlogdet}: x, {@code dL/dx} (identity columns {@code dL/dy} only) and
     * {@code dL/dh = [dL/dt, dL/dh_s]} with {@code dL/dt = g}, {@code dL/dh_s = (g·x_B·s + dL/dlogdet)·d log s/dh_s}.
     */
    public static CouplingGradients affineCouplingBackward(INDArray y, INDArray gradOutput, INDArray h,
                                                           INDArray gradLogDet, int[] identity, int[] transformed,
                                                           LogScale scale) {
        requireTable("affineCouplingBackward", y, identity);
        requireTable("affineCouplingBackward", y, transformed);
        requireSameShape("affineCouplingBackward", y, gradOutput);
        requireWidth("affineCouplingBackward", y, h, 2 * transformed.length);
        requireRows("affineCouplingBackward", y, gradLogDet);
        if (host(y, gradOutput, h, gradLogDet)) {
            INDArray[] c = {ArrayMemory.contiguous(y), ArrayMemory.contiguous(gradOutput), ArrayMemory.contiguous(h),
                ArrayMemory.contiguous(gradLogDet)};
            INDArray x = Nd4j.createUninitialized(y.dataType(), y.shape());
            INDArray gx = Nd4j.createUninitialized(y.dataType(), y.shape());
            INDArray gh = Nd4j.createUninitialized(y.dataType(), h.shape());
            CouplingLoops.affineCouplingBackward(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(c[2]),
                    ArrayMemory.of(c[3]), ArrayMemory.of(x), ArrayMemory.of(gx), ArrayMemory.of(gh), (int) y.size(0),
                    (int) y.size(1), identity, transformed, scale);
            java.lang.ref.Reference.reachabilityFence(c);
            return new CouplingGradients(x, gx, gh);
        }
        return Nd4jOps.affineCouplingBackward(y, gradOutput, h, gradLogDet, transformed, scale);
    }

    /** {@code y[:, c] = x[:, order[c]]} on {@code [N, C, H, W]}, a new array. */
    public static INDArray gatherChannels(INDArray x, int[] order) {
        if (x.rank() != 4 || x.size(1) != order.length) {
            throw new IllegalArgumentException("gatherChannels: expected [N, " + order.length + ", H, W], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (host(x)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
            CouplingLoops.gatherChannels(ArrayMemory.of(xc), ArrayMemory.of(y), x.size(0), order, x.size(2) * x.size(3));
            java.lang.ref.Reference.reachabilityFence(xc);
            return y;
        }
        return Nd4jOps.gatherChannels(x, order);
    }

    /**
     * {@code x} on the elements whose mask entry {@code keep[e]} equals {@code kept}, 0 elsewhere (with
     * {@code kept = true}, {@code b ⊙ x}), a new array; {@code keep} has one entry per element of a sample.
     */
    public static INDArray mask(INDArray x, boolean[] keep, boolean kept) {
        requireMask("mask", x, keep);
        if (host(x)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
            CouplingLoops.mask(ArrayMemory.of(xc), ArrayMemory.of(out), x.length(), keep, kept);
            java.lang.ref.Reference.reachabilityFence(xc);
            return out;
        }
        return Nd4jOps.mask(x, keep, kept);
    }

    /** {@code target += b ⊙ values} in place (the kept elements only); {@code target} must be c-contiguous. */
    public static void addKept(INDArray target, INDArray values, boolean[] keep) {
        requireMask("addKept", target, keep);
        requireSameShape("addKept", target, values);
        if (host(target, values) && ArrayMemory.isContiguous(target)) {
            INDArray vc = ArrayMemory.contiguous(values);
            CouplingLoops.addKept(ArrayMemory.of(target), ArrayMemory.of(vc), target.length(), keep);
            java.lang.ref.Reference.reachabilityFence(new Object[] {vc, target});
            return;
        }
        Nd4jOps.addKept(target, values, keep);
    }

    /** The masked additive map {@code y = x + sign·(1 − b)⊙t}, a new array. */
    public static INDArray shiftTransformed(INDArray x, INDArray shift, boolean[] keep, double sign) {
        requireMask("shiftTransformed", x, keep);
        requireSameShape("shiftTransformed", x, shift);
        if (host(x, shift)) {
            INDArray[] c = {ArrayMemory.contiguous(x), ArrayMemory.contiguous(shift)};
            INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
            CouplingLoops.shiftTransformed(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(out), x.length(),
                    keep, sign);
            java.lang.ref.Reference.reachabilityFence(c);
            return out;
        }
        return Nd4jOps.shiftTransformed(x, shift, keep, sign);
    }

    private static int rowLength(INDArray x) {
        return (int) (x.length() / Math.max(1, x.size(0)));
    }

    /** {@code a} itself when c-contiguous, otherwise a c-ordered copy. */
    public static INDArray contiguous(INDArray a) {
        return ArrayMemory.contiguous(a);
    }

    /** The elements of a vector (or {@code [1, D]} row) as doubles: small parameter arrays read once per call. */
    public static double[] values(INDArray vector) {
        if (host(vector) && ArrayMemory.isContiguous(vector)) {
            ArrayMemory m = ArrayMemory.of(vector);
            double[] v = new double[(int) vector.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = m.get(i);
            }
            java.lang.ref.Reference.reachabilityFence(vector);
            return v;
        }
        return vector.toDoubleVector();
    }
}
