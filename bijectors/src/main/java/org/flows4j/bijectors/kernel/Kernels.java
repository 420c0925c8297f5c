package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
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
    private static volatile Path forced = forcedPath(System.getProperty("flows4j.kernels", "auto"));
    private static volatile int threads = propertyThreads(1);

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

    /**
     * The path {@code -Dflows4j.kernels} forces: {@code nd4j} forces ND4J's ops, {@code auto} (the default) forces none
     * (each call chooses by its arrays); any other value is refused.
     */
    static Path forcedPath(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("auto")) {
            return null;
        }
        if (v.equalsIgnoreCase("nd4j")) {
            return Path.ND4J;
        }
        throw new IllegalArgumentException("-Dflows4j.kernels: expected auto or nd4j, got " + value);
    }

    /**
     * The thread count {@code -Dflows4j.kernels.threads} asks for, or {@code otherwise} when the property is not set;
     * a value that is not a whole number ≥ 1 is refused.
     */
    public static int propertyThreads(int otherwise) {
        String value = System.getProperty("flows4j.kernels.threads");
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("-Dflows4j.kernels.threads: expected a whole number of threads >= 1, got "
                + value);
    }

    /**
     * Lets large host work split across {@code n} threads, the caller and {@code n − 1} daemon threads of the kernel
     * layer's own: {@link #product}s of at least 2^20 multiply-adds and 1,024 rows (a dense layer over a scoring batch)
     * by rows, float32 {@link #convolution}s of at least 8 samples by samples and their weight gradients by the
     * larger channel count (when at least 8), the float32 per-channel kernels over image planes of at least 2^16
     * elements by channels, the coupling maps over at least 2^14 transformed elements by samples, and
     * {@link #channelMix}ings of at least 2^22 multiply-adds by samples (their weight gradients by output channels,
     * when at least 8); other float64 work stays on the caller. Returns the previous count. The default is 1 (no
     * thread is started), or
     * {@code -Dflows4j.kernels.threads}. Results do not depend on the count. ND4J's own ops keep their threads: on a
     * machine with few cores, give them and their OpenMP team one ({@code NativeOpsHolder.getInstance()
     * .getDeviceNativeOps().setOmpNumThreads(1)}, {@code Nd4j.getEnvironment().setMaxThreads(1)} and {@code
     * setMaxMasterThreads(1)}) so that their idle threads do not take the cores these threads need (docs/backends.md,
     * "Threads").
     */
    public static int useThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("useThreads: expected a whole number of threads >= 1, got " + n);
        }
        int previous = threads;
        threads = n;
        return previous;
    }

    /** The number of threads large host work may use (see {@link #useThreads}). */
    public static int threads() {
        return threads;
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
            return "host (Vector API, " + VectorLoops.lanes() + " float lanes; large products on " + threads
                    + (threads == 1 ? " thread)" : " threads)");
        }
        return "ND4J ops (" + (forced == Path.ND4J ? "forced" : unavailableReason()) + ")";
    }

    /** The path in force: the forced one, else host where available, else ND4J. */
    public static Path path() {
        Path f = forced;
        return f != null ? f : hostAvailable() ? Path.HOST : Path.ND4J;
    }

    static boolean host(INDArray... arrays) {
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

    /**
     * The channel mixing of an invertible 1×1 convolution, {@code y[n, o, …] = Σ_i W[o, i]·x[n, i, …]}, for x
     * {@code [N, C, …]} and W row-major {@code [C, C]} ({@code weight[o·C + i]}); a new array of x's shape. On the host
     * path Vector API loops along each channel plane, four output channels at a time ({@link ChannelMixing}: each
     * element one chain of fused multiply-adds over i in order); on the ND4J path a tensor product.
     */
    public static INDArray channelMix(INDArray x, double[] weight) {
        int[] l = layout("channelMix", x, mixChannels("channelMix", weight));
        requireFloatingPoint("channelMix", x);
        if (host(x)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
            HostLoops.channelMix(ArrayMemory.of(xc), ArrayMemory.of(y), l, weight);
            java.lang.ref.Reference.reachabilityFence(new Object[] {xc, y});
            return y;
        }
        return Nd4jOps.channelMix(x, weight, l);
    }

    /**
     * The backward pass of {@link #channelMix} from its input x and {@code dL/dy}: {@code dL/dx}, the mixing of
     * {@code dL/dy} by Wᵀ, and {@code dL/dW[o, i] = Σ_n Σ_… dL/dy[n, o, …]·x[n, i, …]} (on the float32 host path
     * summed per lane over runs of samples, then in float64).
     */
    public static ChannelMixGradients channelMixBackward(INDArray x, double[] weight, INDArray gradOutput) {
        int[] l = layout("channelMixBackward", x, mixChannels("channelMixBackward", weight));
        requireFloatingPoint("channelMixBackward", x);
        requireSameShape("channelMixBackward", x, gradOutput);
        int c = l[1];
        double[] transposed = Products.transposedDoubles(java.lang.foreign.MemorySegment.ofArray(weight), c, c);
        if (host(x, gradOutput)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray gc = ArrayMemory.contiguous(gradOutput);
            INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
            double[] gw = new double[c * c];
            HostLoops.channelMix(ArrayMemory.of(gc), ArrayMemory.of(gx), l, transposed);
            HostLoops.channelMixWeightGradient(ArrayMemory.of(xc), ArrayMemory.of(gc), l, gw);
            java.lang.ref.Reference.reachabilityFence(new Object[] {xc, gc, gx});
            return new ChannelMixGradients(gx, gw);
        }
        return new ChannelMixGradients(Nd4jOps.channelMix(gradOutput, transposed, l),
                Nd4jOps.channelMixWeightGradient(x, gradOutput, l));
    }

    private static void requireFloatingPoint(String kernel, INDArray x) {
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(kernel + ": expected a floating-point array, got " + x.dataType());
        }
    }

    /** C, from a row-major {@code [C, C]} weight of C² values. */
    private static int mixChannels(String kernel, double[] weight) {
        int c = weight == null ? 0 : (int) Math.round(Math.sqrt(weight.length));
        if (weight == null || c == 0 || c * c != weight.length) {
            throw new IllegalArgumentException(kernel + ": expected a row-major [C, C] weight of C² values, got "
                    + (weight == null ? "null" : weight.length + " values"));
        }
        return c;
    }

    /**
     * Per channel {@code Σ x} over the batch and spatial positions, returned in double precision; on the host path
     * float32 arrays are summed in float32 per column (tables) or per channel plane, and those sums in float64.
     */
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

    /**
     * One Adam step in place, from the gradient g at {@code iteration} (from 0): the moments {@code m ← β₁·m +
     * (1 − β₁)·g}, {@code v ← β₂·v + (1 − β₂)·g²} and the parameters {@code w ← w − α_t·m / (√v + ε)} with
     * {@code α_t = α·√(1 − β₂^{t+1}) / (1 − β₁^{t+1})}. The host path does it in one pass with the arithmetic of ND4J's
     * {@code adam_updater} op, which the ND4J path runs (writing its update into g) before {@code w −= update}. All four
     * arrays are c-contiguous vectors of one length and type.
     */
    public static void adamStep(INDArray w, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2,
                                double epsilon, int iteration) {
        for (INDArray a : new INDArray[] {g, m, v}) {
            if (a.length() != w.length() || a.dataType() != w.dataType()) {
                throw new IllegalArgumentException("adamStep: expected parameters, gradient and moments of "
                        + w.length() + " " + w.dataType() + " values, got " + a.length() + " " + a.dataType());
            }
        }
        boolean contiguous = ArrayMemory.isContiguous(w) && ArrayMemory.isContiguous(g) && ArrayMemory.isContiguous(m)
                && ArrayMemory.isContiguous(v);
        if (host(w) && contiguous) {
            MemorySegment ws = ArrayMemory.of(w).segment();
            MemorySegment gs = ArrayMemory.of(g).segment();
            MemorySegment ms = ArrayMemory.of(m).segment();
            MemorySegment vs = ArrayMemory.of(v).segment();
            long n = w.length();
            if (w.dataType() == DataType.FLOAT) {
                float step = AdamLoops.stepSizeFloat(lr, beta1, beta2, epsilon, iteration);
                AdamLoops.stepFloat(ws, gs, ms, vs, 0, n, (float) beta1, (float) beta2, step, (float) epsilon);
            } else {
                double step = AdamLoops.stepSize(lr, beta1, beta2, epsilon, iteration);
                AdamLoops.stepDouble(ws, gs, ms, vs, 0, n, beta1, beta2, step, epsilon);
            }
            java.lang.ref.Reference.reachabilityFence(new Object[] {w, g, m, v});
            return;
        }
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(g, v, m, lr, beta1, beta2, epsilon,
                iteration));
        w.subi(g);
    }

    /**
     * The L2 norm {@code ‖x‖ = √(Σ x²)} of all of x's values. On the host path (a c-contiguous x) it is summed in
     * float64 in a fixed order ({@link HostLoops#sumOfSquares}), so it is the same on every machine and within a few
     * units in the last place of the exact norm; on the ND4J path, its {@code norm2} op, which accumulates float32
     * arrays in float32.
     */
    public static double norm2(INDArray x) {
        if (x.isEmpty()) {
            return 0;
        }
        if (host(x) && ArrayMemory.isContiguous(x)) {
            double sum = HostLoops.sumOfSquares(ArrayMemory.of(x), x.length());
            java.lang.ref.Reference.reachabilityFence(x);
            return Math.sqrt(sum);
        }
        return x.norm2Number().doubleValue();
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

    /**
     * The matrix product of a dense layer, {@code c = act(c₀ + op(a)·op(b) + bias)}, with {@code op(x)} = x or
     * xᵀ, {@code c₀} = c's own values when {@code accumulate} (a gradient adding up) else nothing, {@code bias} one
     * value per column of c or null, and {@code act} the ReLU when {@code relu}. All three are matrices of one type;
     * c is c-contiguous and not a view of a or b. On the host path each element of {@code op(a)·op(b)} is one chain of
     * fused multiply-adds over the inner index in order, so the result depends neither on the vector width nor on
     * when the loop was compiled.
     */
    public static void product(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                               boolean accumulate, double[] bias, boolean relu) {
        requireMatrix("product", "a", a);
        requireMatrix("product", "b", b);
        requireMatrix("product", "c", c);
        long m = transposeA ? a.size(1) : a.size(0);
        long p = transposeA ? a.size(0) : a.size(1);
        long pb = transposeB ? b.size(1) : b.size(0);
        long n = transposeB ? b.size(0) : b.size(1);
        if (pb != p || c.size(0) != m || c.size(1) != n || a.dataType() != c.dataType()
                || b.dataType() != c.dataType()) {
            throw new IllegalArgumentException("product: expected op(a) [m, p], op(b) [p, n] and c [m, n] of one "
                    + "type, got op(a) [" + m + ", " + p + "] " + a.dataType() + ", op(b) [" + pb + ", " + n + "] "
                    + b.dataType() + " and c " + java.util.Arrays.toString(c.shape()) + " " + c.dataType());
        }
        if (bias != null && bias.length != n) {
            throw new IllegalArgumentException("product: expected a bias of " + n + " values, got " + bias.length);
        }
        if (!ArrayMemory.isContiguous(c)) {
            throw new IllegalArgumentException("product: expected a c-contiguous output, got "
                    + c.shapeInfoToString());
        }
        if (sharesMemory(c, a) || sharesMemory(c, b)) {
            throw new IllegalArgumentException("product: expected an output apart from its inputs, got c "
                    + java.util.Arrays.toString(c.shape()) + " over the memory of " + (sharesMemory(c, a) ? "a" : "b"));
        }
        if (host(a, b, c) && m * n > 0) {
            Products.host(a, transposeA, b, transposeB, c, accumulate, bias, relu);
            return;
        }
        Products.nd4j(a, transposeA, b, transposeB, c, accumulate, bias, relu);
    }

    /**
     * A 2-D convolution of {@code [N, C_in, H, W]} arrays with "same" zero padding and stride 1,
     * {@code y[n, o] = Σ_i W[:, :, i, o] ⋆ x[n, i] + b[o]}, weights {@code [k, k, C_in, C_out]} with k odd and
     * {@code bias} one value per output channel or null; a new {@code [N, C_out, H, W]} array. On the host path
     * matrix products per sample, over the input's zero-bordered planes ({@link Convolutions}); on the ND4J path,
     * its {@code conv2d} op.
     */
    public static INDArray convolution(INDArray x, INDArray weight, double[] bias) {
        Convolutions.Geometry g = convolutionGeometry("convolution", x, weight);
        if (bias != null && bias.length != g.out()) {
            throw new IllegalArgumentException("convolution: expected a bias of " + g.out() + " values, got "
                    + bias.length);
        }
        if (host(x, weight)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray wc = ArrayMemory.contiguous(weight);
            INDArray y = Nd4j.createUninitialized(x.dataType(), g.samples(), g.out(), g.height(), g.width());
            ArrayMemory ym = ArrayMemory.of(y);
            Convolutions.forward(ArrayMemory.of(xc), ArrayMemory.of(wc), ym, g);
            if (bias != null) {
                HostLoops.channelAffine(ym, ym, new int[] {g.samples(), g.out(), (int) g.plane()}, null, bias, false);
            }
            java.lang.ref.Reference.reachabilityFence(new Object[] {xc, wc, y});
            return y;
        }
        return Nd4jOps.convolution(x, weight, bias);
    }

    /**
     * The backward pass of {@link #convolution} (without its bias, whose gradient is {@link #channelSums} of
     * {@code gradOutput}): returns {@code dL/dx} and adds {@code dL/dW} into {@code gradWeight}, which has the
     * weights' shape and type and is c-contiguous.
     */
    public static INDArray convolutionBackward(INDArray x, INDArray weight, INDArray gradOutput, INDArray gradWeight) {
        Convolutions.Geometry g = convolutionGeometry("convolutionBackward", x, weight);
        long[] out = {g.samples(), g.out(), g.height(), g.width()};
        if (!java.util.Arrays.equals(gradOutput.shape(), out) || gradOutput.dataType() != x.dataType()) {
            throw new IllegalArgumentException("convolutionBackward: expected dL/dy of shape "
                    + java.util.Arrays.toString(out) + " " + x.dataType() + ", got "
                    + java.util.Arrays.toString(gradOutput.shape()) + " " + gradOutput.dataType());
        }
        if (!java.util.Arrays.equals(gradWeight.shape(), weight.shape()) || gradWeight.dataType() != x.dataType()
                || !ArrayMemory.isContiguous(gradWeight)) {
            throw new IllegalArgumentException("convolutionBackward: expected a c-contiguous weight gradient of shape "
                    + java.util.Arrays.toString(weight.shape()) + " " + x.dataType() + ", got "
                    + gradWeight.shapeInfoToString());
        }
        for (INDArray input : new INDArray[] {x, weight, gradOutput}) {
            if (sharesMemory(gradWeight, input)) {
                throw new IllegalArgumentException("convolutionBackward: expected a weight gradient apart from x, the "
                        + "weights and dL/dy, got one over the memory of an input of shape "
                        + java.util.Arrays.toString(input.shape()));
            }
        }
        if (host(x, weight, gradOutput, gradWeight)) {
            INDArray[] c = {ArrayMemory.contiguous(x), ArrayMemory.contiguous(weight),
                ArrayMemory.contiguous(gradOutput)};
            INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
            Convolutions.backward(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(c[2]),
                    ArrayMemory.of(gradWeight), ArrayMemory.of(gx), g);
            java.lang.ref.Reference.reachabilityFence(new Object[] {c, gx, gradWeight});
            return gx;
        }
        return Nd4jOps.convolutionBackward(x, weight, gradOutput, gradWeight);
    }

    private static Convolutions.Geometry convolutionGeometry(String kernel, INDArray x, INDArray weight) {
        if (x.rank() != 4 || weight.rank() != 4 || weight.size(0) != weight.size(1) || weight.size(0) % 2 != 1
                || weight.size(2) != x.size(1) || weight.dataType() != x.dataType()) {
            throw new IllegalArgumentException(kernel + ": expected x [N, C_in, H, W] and weights [k, k, C_in, C_out] "
                    + "of one type with k odd, got x " + java.util.Arrays.toString(x.shape()) + " " + x.dataType()
                    + " and weights " + java.util.Arrays.toString(weight.shape()) + " " + weight.dataType());
        }
        if (x.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(kernel + ": arrays of more than 2^31 elements are not supported, got "
                    + x.length());
        }
        return new Convolutions.Geometry((int) x.size(0), (int) x.size(1), (int) weight.size(3), (int) x.size(2),
                (int) x.size(3), (int) weight.size(0));
    }

    /** Whether x and y are views of one buffer whose element ranges overlap. */
    private static boolean sharesMemory(INDArray x, INDArray y) {
        if (x.length() == 0 || y.length() == 0 || root(x) != root(y)) {
            return false;
        }
        return x.offset() < y.offset() + span(y) && y.offset() < x.offset() + span(x);
    }

    private static org.nd4j.linalg.api.buffer.DataBuffer root(INDArray x) {
        var buffer = x.data();
        return buffer.originalDataBuffer() != null ? buffer.originalDataBuffer() : buffer;
    }

    /** The number of elements from x's first to one past its last, in its buffer. */
    private static long span(INDArray x) {
        long last = 0;
        for (int d = 0; d < x.rank(); d++) {
            last += (x.size(d) - 1) * Math.abs(x.stride(d));
        }
        return last + 1;
    }

    private static void requireMatrix(String kernel, String name, INDArray x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(kernel + ": expected " + name + " to be a matrix, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (x.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(kernel + ": matrices of more than 2^31 elements are not supported, got "
                    + name + " of " + x.length());
        }
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

    /** {@code a} itself when c-contiguous, otherwise a c-ordered copy. */
    public static INDArray contiguous(INDArray a) {
        return ArrayMemory.contiguous(a);
    }

    /**
     * The elements of an array in row-major order as doubles: small parameter arrays (a vector, a C×C matrix) read once
     * per call, on the host path straight from memory, without the ND4J views and copies an element-wise read makes.
     */
    public static double[] values(INDArray array) {
        if (array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("values: expected at most 2^31 - 1 elements, got " + array.length());
        }
        if (host(array) && ArrayMemory.isContiguous(array)) {
            ArrayMemory m = ArrayMemory.of(array);
            double[] v = new double[(int) array.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = m.get(i);
            }
            java.lang.ref.Reference.reachabilityFence(array);
            return v;
        }
        return Nd4jOps.values(array);
    }
}
