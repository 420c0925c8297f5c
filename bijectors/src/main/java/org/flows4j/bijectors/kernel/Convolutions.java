package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The host path of {@link Kernels#convolution}: a k × k convolution with "same" zero padding as matrix products per
 * sample, on the kernel layer's product loops.
 *
 * <p>Each sample's input is copied into a zero-bordered plane per channel, rows {@code wp = W + k − 1} long. The
 * output is computed on the same row length — {@code J = H·wp} positions per channel, of which the last
 * {@code k − 1} of each row are not part of the result and are cropped — so the input that tap {@code (kh, kw)}
 * reads is one contiguous slice of each padded plane, starting at {@code off_t = kh·wp + kw}. Two ways to add the
 * taps up, chosen by which costs less memory traffic:
 * <ul>
 *   <li><b>unfolded</b> when the input has no more channels than the output: the k² slices of every channel are
 *   copied as the rows of one matrix {@code U} ({@code [k²·C_in, J]}, row {@code t·C_in + i}), and the output is one
 *   product {@code W_matᵀ · U} with the weights read as {@code [k²·C_in, C_out]};</li>
 *   <li><b>tap by tap</b> otherwise: the output accumulates {@code W_tᵀ · X_pad[:, off_t : off_t + J]} over the taps,
 *   each tap's input read in place.</li>
 * </ul>
 * A 1 × 1 convolution whose planes are whole vectors reads and writes the arrays directly. A k × k convolution whose
 * planes are whole vectors and whose one side has few channels is unfolded on the image's own positions instead, with
 * no padded planes or output grid at all, the other side read and written in place:
 * <ul>
 *   <li>few input channels ({@link Geometry#unfoldsImage}, {@code k²·C_in ≤ C_out}): x is unfolded
 *   ({@link #forwardImageUnfolded});</li>
 *   <li>few output channels ({@link Geometry#unfoldsOutput}, {@code k²·C_out ≤ C_in}): the forward pass multiplies x
 *   by every tap's weights at once and gathers the products at each tap's offset, and dL/dy is unfolded, its taps
 *   flipped, for the input and the weight gradients ({@link #forwardOutputUnfolded}).</li>
 * </ul>
 * The input gradient is
 * the same computation from {@code dL/dy} with the taps flipped and each tap's weights untransposed (unfolded when
 * {@code dL/dy} has no more channels than {@code dL/dx}, the weights then regrouped as {@code [C_in, k²·C_out]}). The weight
 * gradient of tap t is {@code Σ_n X_pad[n][:, off_t : off_t + J] · G_grid[n]ᵀ}, with {@code dL/dy} laid out on the
 * output grid, zero at its extra positions: per-lane partial sums ({@link VectorGemm#productAlongRows}) over runs
 * of samples small enough to stay in the cache, their chains continued from run to run, added up once per call.
 *
 * <p>With {@link Kernels#useThreads} above 1, the forward pass and the input gradient split the samples (at least
 * 8), and the float32 weight gradient the larger of its two channel counts (at least 8), across the threads: every
 * value is computed the same way on any thread count. The float64 weight gradient runs on the caller.
 */
final class Convolutions {
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /** About how many bytes of both factors a run of samples of the weight gradient reads: a core's L2 share. */
    private static final long RUN_BYTES = 256 * 1024;
    /** The fewest samples (forward, input gradient) or channels (weight gradient) split across threads. */
    private static final int MIN_SPLIT = 8;

    private Convolutions() {
    }

    /**
     * The sizes of one convolution.
     *
     * @param samples N
     * @param in      input channels
     * @param out     output channels
     * @param height  H
     * @param width   W
     * @param kernel  k, odd
     */
    record Geometry(int samples, int in, int out, int height, int width, int kernel) {
        /** The row length of a padded plane and of the output grid, {@code W + k − 1}. */
        int rowLength() {
            return width + kernel - 1;
        }

        /** J, the output grid's positions per channel, {@code H·(W + k − 1)}. */
        int grid() {
            return height * rowLength();
        }

        /** J rounded up to whole vectors: the row stride of unfolded matrices and gradient grids. */
        int gridStride() {
            return VectorGemm.paddedWidth(grid());
        }

        int taps() {
            return kernel * kernel;
        }

        /** Where tap {@code t = kh·k + kw} starts in a padded plane. */
        int tapOffset(int t) {
            return t / kernel * rowLength() + t % kernel;
        }

        /** P, the elements of one zero-bordered plane, {@code (H + k − 1)·wp}. */
        int planeLength() {
            return (height + kernel - 1) * rowLength();
        }

        /**
         * The stride between padded planes: the plane's P elements, or more, so that a vector loop reading whole
         * vectors of J positions from any tap stays inside the next plane.
         */
        int planeStride() {
            return runStride(1);
        }

        /**
         * The output grid's positions per channel for a run of s samples whose padded planes follow each other
         * (sample r's plane starts P·r in): {@code (s − 1)·P + J}, sample r's outputs at {@code r·P + h·wp + w}.
         */
        int runGrid(int s) {
            return (s - 1) * planeLength() + grid();
        }

        /** The stride between one channel's run of s padded planes and the next channel's: at least s·P. */
        int runStride(int s) {
            return Math.max(s * planeLength(), VectorGemm.paddedWidth(runGrid(s)));
        }

        long plane() {
            return (long) height * width;
        }

        /** Whether a 1 × 1 convolution can read and write the arrays in place: planes of whole vectors. */
        boolean direct() {
            return kernel == 1 && plane() == gridStride();
        }

        long weightsPerTap() {
            return (long) in * out;
        }

        /**
         * Whether the image-unfolded path serves this convolution: k > 1, {@code k²·C_in ≤ C_out} (the unfolded input
         * is then no larger than the output) and planes of whole vectors. Its C_out-channel side — the output, dL/dy —
         * is then read and written in place, where the padded paths copy it to and from padded planes.
         */
        boolean unfoldsImage() {
            return kernel > 1 && (long) taps() * in <= out && plane() % VectorGemm.lanes() == 0;
        }

        /** The rows of the image-unfolded input, {@code k²·C_in}. */
        int unfoldedRows() {
            return taps() * in;
        }

        /**
         * Whether the output-unfolded path serves this convolution, the mirror of {@link #unfoldsImage}: k > 1,
         * {@code k²·C_out ≤ C_in} and planes of whole vectors. Its C_in-channel side — x, dL/dx — is then read and
         * written in place.
         */
        boolean unfoldsOutput() {
            return kernel > 1 && (long) taps() * out <= in && plane() % VectorGemm.lanes() == 0;
        }

        /** The rows of the output-unfolded side, {@code k²·C_out}. */
        int unfoldedOutputRows() {
            return taps() * out;
        }
    }

    /** One pass's operands: the source array (x or dL/dy), the weights, the result, all of one element type. */
    private record Operands(MemorySegment source, MemorySegment weights, MemorySegment target, boolean float32) {
        static Operands of(ArrayMemory source, ArrayMemory weights, ArrayMemory target) {
            return new Operands(source.segment(), weights.segment(), target.segment(), source.isFloat());
        }

        int bytes() {
            return float32 ? Float.BYTES : Double.BYTES;
        }
    }

    /** {@code y = W ⋆ x}; y uninitialised on entry. */
    static void forward(ArrayMemory x, ArrayMemory w, ArrayMemory y, Geometry g) {
        Operands o = Operands.of(x, w, y);
        if (g.unfoldsImage()) {
            forwardImageUnfolded(o, g);
            return;
        }
        if (g.unfoldsOutput()) {
            forwardOutputUnfolded(o, g);
            return;
        }
        int run = samplesPerRun(g, o.bytes());
        ProductThreads.runWhen(g.samples() >= MIN_SPLIT, g.samples(), (from, to) -> {
            for (int n = from; n < to; n += run) {
                propagate(o, g, n, Math.min(run, to - n), run, g.in(), g.out(), false, n == from);
            }
        });
    }

    /**
     * The backward pass: {@code dW += Σ_n x[n] ⋆ dL/dy[n]} into the c-contiguous gradient, then {@code dL/dx = Wᵀ ⋆
     * dL/dy} (the taps flipped; dL/dx uninitialised on entry). The output-unfolded path unfolds dL/dy once for both.
     */
    static void backward(ArrayMemory x, ArrayMemory w, ArrayMemory gradOutput, ArrayMemory gradWeight,
                         ArrayMemory gradInput, Geometry g) {
        Operands o = Operands.of(gradOutput, w, gradInput);
        if (g.unfoldsOutput()) {
            MemorySegment u = unfoldEverySample(gradOutput.segment(), g.out(), true, g, o.bytes());
            addWeightGradientOutputUnfolded(x.segment(), u, gradWeight.segment(), g, o.bytes());
            inputGradientOutputUnfolded(o, u, g);
            return;
        }
        addWeightGradient(x, gradOutput, gradWeight, g);
        inputGradient(o, g);
    }

    /** {@code dL/dx = Wᵀ ⋆ dL/dy} (the taps flipped), o's source dL/dy and target dL/dx. */
    private static void inputGradient(Operands o, Geometry g) {
        if (g.unfoldsImage()) {
            inputGradientImageUnfolded(o, g);
            return;
        }
        int run = samplesPerRun(g, o.bytes());
        MemorySegment regrouped = run == 1 && g.direct() || g.out() > g.in() ? null : regroupedWeights(o, g);
        ProductThreads.runWhen(g.samples() >= MIN_SPLIT, g.samples(), (from, to) -> {
            for (int n = from; n < to; n += run) {
                int count = Math.min(run, to - n);
                if (regrouped != null) {
                    unfoldedBackward(o, regrouped, g, n, count, run, n == from);
                } else {
                    propagate(o, g, n, count, run, g.out(), g.in(), true, n == from);
                }
            }
        });
    }

    /**
     * How many samples one product of the forward pass or the input gradient covers: 1 on the direct path of a 1 × 1
     * convolution whose planes fill a register block ({@code 4·L} positions or more), else as many as keep both
     * sides' padded planes within about {@link #RUN_BYTES}. Small planes (Glow's 4 × 4 and 8 × 8 levels) then make
     * products a few hundred positions wide instead of a few vectors.
     */
    private static int samplesPerRun(Geometry g, int e) {
        if (g.direct() && g.plane() >= 4L * VectorGemm.lanes()) {
            return 1;
        }
        long bytes = (long) (g.in() + g.out()) * g.planeLength() * e;
        return (int) Math.max(1, Math.min(g.samples(), RUN_BYTES / bytes));
    }

    /**
     * Samples {@code [n, n + count)} of the forward pass ({@code backward} false: source x with {@code from = C_in}
     * channels, target y with {@code to = C_out}) or of the input gradient tap by tap ({@code backward} true:
     * source dL/dy, target dL/dx), their planes laid out as a run of {@code run} samples; {@code first} for a
     * thread's first run, whose call zeroes the scratch planes' borders.
     */
    private static void propagate(Operands o, Geometry g, int n, int count, int run, int from, int to,
                                  boolean backward, boolean first) {
        int e = o.bytes();
        // A(i, q): W_t[q, i] forward (ai = 1, ap = C_out), W_t[i, q] backward (ai = C_out, ap = 1)
        int ai = backward ? g.out() : 1;
        int ap = backward ? 1 : g.out();
        if (run == 1 && g.direct()) {
            long hw = g.plane();
            product(o.float32(), o.target().asSlice((long) n * to * hw * e), (int) hw, to, (int) hw, o.weights(), ai,
                    ap, o.source().asSlice((long) n * from * hw * e), (int) hw, from, false);
            return;
        }
        int stride = g.runStride(run);
        int grid = g.runGrid(count);
        MemorySegment padded = place(Scratch.Slot.CONVOLUTION_INPUT, o.source(), from, n, count, stride,
                g.kernel() / 2, g, e, first);
        MemorySegment out = Scratch.bytes(Scratch.Slot.CONVOLUTION_OUTPUT, (long) to * grid * e);
        if (!backward && from <= to) {
            int row = VectorGemm.paddedWidth(grid);
            MemorySegment unfolded = unfold(padded, from, stride, row, g, e, false);
            product(o.float32(), out, grid, to, grid, o.weights(), ai, ap, unfolded, row, g.taps() * from, false);
        } else {
            int last = g.taps() - 1;
            for (int t = 0; t < g.taps(); t++) {
                MemorySegment wt = o.weights().asSlice(t * g.weightsPerTap() * e);
                MemorySegment st = padded.asSlice((long) g.tapOffset(backward ? last - t : t) * e);
                product(o.float32(), out, grid, to, grid, wt, ai, ap, st, stride, from, t > 0);
            }
        }
        crop(out, grid, o.target(), n, count, to, g, e);
    }

    /**
     * Samples {@code [n, n + count)} of the input gradient from dL/dy unfolded (its k² flipped slices of C_out
     * channels as rows), laid out as a run of {@code run} samples.
     */
    private static void unfoldedBackward(Operands o, MemorySegment regrouped, Geometry g, int n, int count, int run,
                                         boolean first) {
        int e = o.bytes();
        int stride = g.runStride(run);
        int grid = g.runGrid(count);
        int row = VectorGemm.paddedWidth(grid);
        MemorySegment padded = place(Scratch.Slot.CONVOLUTION_INPUT, o.source(), g.out(), n, count, stride,
                g.kernel() / 2, g, e, first);
        MemorySegment unfolded = unfold(padded, g.out(), stride, row, g, e, true);
        MemorySegment out = Scratch.bytes(Scratch.Slot.CONVOLUTION_OUTPUT, (long) g.in() * grid * e);
        int rows = g.taps() * g.out();
        product(o.float32(), out, grid, g.in(), grid, regrouped, rows, 1, unfolded, row, rows, false);
        crop(out, grid, o.target(), n, count, g.in(), g, e);
    }

    /** The weights as {@code [C_in, k²·C_out]}, column {@code t·C_out + o} = {@code W[t, i, o]}, in scratch. */
    private static MemorySegment regroupedWeights(Operands o, Geometry g) {
        int e = o.bytes();
        MemorySegment r = Scratch.bytes(Scratch.Slot.CONVOLUTION_WEIGHTS, (long) g.taps() * g.weightsPerTap() * e);
        long row = (long) g.out() * e;
        for (int t = 0; t < g.taps(); t++) {
            for (int i = 0; i < g.in(); i++) {
                MemorySegment.copy(o.weights(), (t * g.weightsPerTap() + (long) i * g.out()) * e, r,
                        ((long) i * g.taps() * g.out() + (long) t * g.out()) * e, row);
            }
        }
        return r;
    }

    /**
     * {@code gW += Σ_n Σ_j X_pad[n][i, off_t + j] · G_grid[n][o, j]} for every tap t, input channel i and output
     * channel o, into the c-contiguous {@code [k, k, C_in, C_out]} gradient.
     */
    private static void addWeightGradient(ArrayMemory x, ArrayMemory gradOutput, ArrayMemory gradWeight, Geometry g) {
        int e = x.isFloat() ? Float.BYTES : Double.BYTES;
        MemorySegment xs = x.segment();
        MemorySegment gs = gradOutput.segment();
        MemorySegment gw = gradWeight.segment();
        if (g.unfoldsImage()) {
            addWeightGradientImageUnfolded(xs, gs, gw, g, e);
            return;
        }
        if (!x.isFloat()) {
            for (int n = 0; n < g.samples(); n++) {
                addWeightGradientDouble(xs, gs, gw, g, n);
            }
            return;
        }
        // split the larger of the two channel counts: each value is then one thread's, in the same order
        boolean byInput = g.in() >= g.out();
        int span = byInput ? g.in() : g.out();
        ProductThreads.runWhen(span >= MIN_SPLIT, span, (from, to) -> {
            int i0 = byInput ? from : 0;
            int rows = byInput ? to - from : g.in();
            int k0 = byInput ? 0 : from;
            int cols = byInput ? g.out() : to - from;
            MemorySegment a;
            MemorySegment b;
            int lda;
            int ldb;
            long aSample;
            long bSample;
            if (g.direct()) {
                lda = (int) g.plane();
                ldb = lda;
                aSample = g.in() * g.plane();
                bSample = g.out() * g.plane();
                a = xs.asSlice(i0 * g.plane() * e);
                b = gs.asSlice(k0 * g.plane() * e);
            } else {
                lda = g.planeStride();
                ldb = g.gridStride();
                aSample = (long) rows * lda;
                bSample = (long) cols * ldb;
                // every sample's planes at once, and one plane more as slack for whole-vector reads
                a = Scratch.bytes(Scratch.Slot.CONVOLUTION_INPUT, (g.samples() * aSample + lda) * e).fill((byte) 0);
                b = Scratch.bytes(Scratch.Slot.CONVOLUTION_OUTPUT, g.samples() * bSample * e).fill((byte) 0);
                for (int n = 0; n < g.samples(); n++) {
                    placeInto(xs, g.in(), n, i0, rows, lda, g.kernel() / 2, g, e, a, n * aSample);
                    placeInto(gs, g.out(), n, k0, cols, ldb, 0, g, e, b, n * bSample);
                }
            }
            // runs of samples whose rows stay in the cache while every block of values reads them
            long bytesPerSample = ((long) rows + cols) * g.gridStride() * e;
            int run = (int) Math.max(1, Math.min(g.samples(), RUN_BYTES / bytesPerSample));
            int lanes = VectorGemm.lanes();
            MemorySegment part = Scratch.bytes(Scratch.Slot.CONVOLUTION_PARTIALS,
                    (long) g.taps() * rows * cols * lanes * Float.BYTES).fill((byte) 0);
            for (int s0 = 0; s0 < g.samples(); s0 += run) {
                int count = Math.min(run, g.samples() - s0);
                for (int t = 0; t < g.taps(); t++) {
                    VectorGemm.productAlongRows(part.asSlice((long) t * rows * cols * lanes * Float.BYTES), cols, rows,
                            cols, a.asSlice((s0 * aSample + g.tapOffset(t)) * e), lda, aSample,
                            b.asSlice(s0 * bSample * e), ldb, bSample, g.gridStride(), count);
                }
            }
            for (int t = 0; t < g.taps(); t++) {
                long at = t * g.weightsPerTap() + (long) i0 * g.out() + k0;
                VectorGemm.addLaneSums(part.asSlice((long) t * rows * cols * lanes * Float.BYTES), cols, rows, cols,
                        gw.asSlice(at * e), g.out());
            }
        });
    }

    /**
     * The image-unfolded forward pass: per sample, {@code U} ({@link #unfoldImage}) and {@code y[n] = W_matᵀ·U}
     * written straight into y, the weights read as {@code [k²·C_in, C_out]}.
     */
    private static void forwardImageUnfolded(Operands o, Geometry g) {
        int e = o.bytes();
        int hw = (int) g.plane();
        int rows = g.unfoldedRows();
        ProductThreads.runWhen(g.samples() >= MIN_SPLIT, g.samples(), (from, to) -> {
            MemorySegment u = Scratch.bytes(Scratch.Slot.CONVOLUTION_UNFOLDED, (long) rows * hw * e);
            for (int n = from; n < to; n++) {
                unfoldImage(o.source(), g.in(), false, n, g, e, u, 0);
                product(o.float32(), o.target().asSlice((long) n * g.out() * hw * e), hw, g.out(), hw, o.weights(), 1,
                        g.out(), u, hw, rows, false);
            }
        });
    }

    /**
     * The image-unfolded input gradient: per sample, {@code dU = W_mat·dL/dy[n]} ({@code [k²·C_in, H·W]}, dL/dy read
     * in place), then each tap's rows added back at the positions they were read from ({@link #sumTaps}).
     */
    private static void inputGradientImageUnfolded(Operands o, Geometry g) {
        int e = o.bytes();
        int hw = (int) g.plane();
        int rows = g.unfoldedRows();
        ProductThreads.runWhen(g.samples() >= MIN_SPLIT, g.samples(), (from, to) -> {
            MemorySegment du = Scratch.bytes(Scratch.Slot.CONVOLUTION_OUTPUT, (long) rows * hw * e);
            for (int n = from; n < to; n++) {
                product(o.float32(), du, hw, rows, hw, o.weights(), g.out(), 1,
                        o.source().asSlice((long) n * g.out() * hw * e), hw, g.out(), false);
                sumTaps(du, g.in(), n, g, e, o.target(), false);
            }
        });
    }

    /**
     * The image-unfolded weight gradient {@code dW_mat += Σ_n U[n]·dL/dy[n]ᵀ}: every sample's U unfolded once, then
     * in float32 per-lane partial sums ({@link VectorGemm#productAlongRows}) over runs of samples, the output
     * channels split across threads; in float64 one chain per value and sample, on the caller.
     */
    private static void addWeightGradientImageUnfolded(MemorySegment xs, MemorySegment gs, MemorySegment gw,
                                                       Geometry g, int e) {
        int hw = (int) g.plane();
        int rows = g.unfoldedRows();
        long uSample = (long) rows * hw;
        long gSample = (long) g.out() * hw;
        MemorySegment u = unfoldEverySample(xs, g.in(), false, g, e);
        if (e == Double.BYTES) {
            for (int n = 0; n < g.samples(); n++) {
                ScalarGemm.productAlongRowsDouble(gw, g.out(), rows, g.out(), u.asSlice(n * uSample * e), hw,
                        gs.asSlice(n * gSample * e), hw, hw, true);
            }
            return;
        }
        int lanes = VectorGemm.lanes();
        ProductThreads.runWhen(g.out() >= MIN_SPLIT, g.out(), (from, to) -> {
            int cols = to - from;
            int run = samplesPerRowsRun(g, (long) cols * hw * e);
            MemorySegment part = Scratch.bytes(Scratch.Slot.CONVOLUTION_PARTIALS,
                    (long) rows * cols * lanes * Float.BYTES).fill((byte) 0);
            for (int s0 = 0; s0 < g.samples(); s0 += run) {
                VectorGemm.productAlongRows(part, cols, rows, cols, u.asSlice(s0 * uSample * e), hw, uSample,
                        gs.asSlice((s0 * gSample + (long) from * hw) * e), hw, gSample, hw,
                        Math.min(run, g.samples() - s0));
            }
            VectorGemm.addLaneSums(part, cols, rows, cols, gw.asSlice((long) from * e), g.out());
        });
    }

    /**
     * The output-unfolded forward pass: per sample, the per-tap products {@code z = R·x[n]} with the weights stacked
     * tap by tap ({@link #tapStackedWeights}, {@code [k²·C_out, C_in]}), x read in place, then {@code y[n]} gathered
     * from z at each tap's offset ({@link #sumTaps}).
     */
    private static void forwardOutputUnfolded(Operands o, Geometry g) {
        int e = o.bytes();
        int hw = (int) g.plane();
        int rows = g.unfoldedOutputRows();
        MemorySegment stacked = tapStackedWeights(o, g);
        ProductThreads.runWhen(g.samples() >= MIN_SPLIT, g.samples(), (from, to) -> {
            MemorySegment z = Scratch.bytes(Scratch.Slot.CONVOLUTION_OUTPUT, (long) rows * hw * e);
            for (int n = from; n < to; n++) {
                product(o.float32(), z, hw, rows, hw, stacked, g.in(), 1,
                        o.source().asSlice((long) n * g.in() * hw * e), hw, g.in(), false);
                sumTaps(z, g.out(), n, g, e, o.target(), true);
            }
        });
    }

    /**
     * The output-unfolded input gradient: per sample, {@code dL/dx[n] = W_reg·U[n]} written straight into dL/dx, U
     * being every sample's dL/dy unfolded with the taps flipped ({@link #unfoldEverySample}) and the weights regrouped
     * as {@code [C_in, k²·C_out]}.
     */
    private static void inputGradientOutputUnfolded(Operands o, MemorySegment u, Geometry g) {
        int e = o.bytes();
        int hw = (int) g.plane();
        int rows = g.unfoldedOutputRows();
        MemorySegment regrouped = regroupedWeights(o, g);
        ProductThreads.runWhen(g.samples() >= MIN_SPLIT, g.samples(), (from, to) -> {
            for (int n = from; n < to; n++) {
                product(o.float32(), o.target().asSlice((long) n * g.in() * hw * e), hw, g.in(), hw, regrouped, rows,
                        1, u.asSlice((long) n * rows * hw * e), hw, rows, false);
            }
        });
    }

    /**
     * The output-unfolded weight gradient {@code dW[t, i, o] += Σ_n Σ_j x[n][i, j]·U[n][t·C_out + o, j]}, U being
     * every sample's dL/dy unfolded with the taps flipped: in float32 per-lane partial sums over runs of samples, the
     * input channels split across threads; in float64 one chain per value and sample, on the caller.
     */
    private static void addWeightGradientOutputUnfolded(MemorySegment xs, MemorySegment u, MemorySegment gw,
                                                        Geometry g, int e) {
        int hw = (int) g.plane();
        int rows = g.unfoldedOutputRows();
        long uSample = (long) rows * hw;
        long xSample = (long) g.in() * hw;
        if (e == Double.BYTES) {
            for (int n = 0; n < g.samples(); n++) {
                for (int t = 0; t < g.taps(); t++) {
                    ScalarGemm.productAlongRowsDouble(gw.asSlice(t * g.weightsPerTap() * e), g.out(), g.in(),
                            g.out(), xs.asSlice(n * xSample * e), hw,
                            u.asSlice((n * uSample + (long) t * g.out() * hw) * e), hw, hw, true);
                }
            }
            return;
        }
        int lanes = VectorGemm.lanes();
        int run = samplesPerRowsRun(g, uSample * e);
        ProductThreads.runWhen(g.in() >= MIN_SPLIT, g.in(), (from, to) -> {
            int channels = to - from;
            MemorySegment part = Scratch.bytes(Scratch.Slot.CONVOLUTION_PARTIALS,
                    (long) channels * rows * lanes * Float.BYTES).fill((byte) 0);
            for (int s0 = 0; s0 < g.samples(); s0 += run) {
                VectorGemm.productAlongRows(part, rows, channels, rows, xs.asSlice((s0 * xSample + (long) from * hw) * e),
                        hw, xSample, u.asSlice(s0 * uSample * e), hw, uSample, hw, Math.min(run, g.samples() - s0));
            }
            for (int t = 0; t < g.taps(); t++) {
                VectorGemm.addLaneSums(part.asSlice((long) t * g.out() * lanes * Float.BYTES), rows, channels,
                        g.out(), gw.asSlice((t * g.weightsPerTap() + (long) from * g.out()) * e), g.out());
            }
        });
    }

    /**
     * How many samples one {@link VectorGemm#productAlongRows} of an unfolded weight gradient covers: as many as keep
     * the factor every block of rows reads again ({@code bytesPerSample} each) within about {@link #RUN_BYTES}, so
     * that the partial sums, sixteen times the gradient's size, are loaded and stored once per several samples.
     */
    private static int samplesPerRowsRun(Geometry g, long bytesPerSample) {
        return (int) Math.max(1, Math.min(g.samples(), RUN_BYTES / bytesPerSample));
    }

    /** The weights stacked tap by tap as {@code [k²·C_out, C_in]}, row {@code t·C_out + o} = {@code W[t, :, o]}. */
    private static MemorySegment tapStackedWeights(Operands o, Geometry g) {
        int e = o.bytes();
        MemorySegment r = Scratch.bytes(Scratch.Slot.CONVOLUTION_WEIGHTS, (long) g.taps() * g.weightsPerTap() * e);
        for (int t = 0; t < g.taps(); t++) {
            for (int i = 0; i < g.in(); i++) {
                for (int q = 0; q < g.out(); q++) {
                    long from = (t * g.weightsPerTap() + (long) i * g.out() + q) * e;
                    long to = (((long) t * g.out() + q) * g.in() + i) * e;
                    if (e == Float.BYTES) {
                        r.set(ValueLayout.JAVA_FLOAT_UNALIGNED, to, o.weights().get(ValueLayout.JAVA_FLOAT_UNALIGNED, from));
                    } else {
                        r.set(D, to, o.weights().get(D, from));
                    }
                }
            }
        }
        return r;
    }

    /** Every sample's {@link #unfoldImage} one after another in this thread's unfolding scratch. */
    private static MemorySegment unfoldEverySample(MemorySegment source, int channels, boolean flipped, Geometry g,
                                                   int e) {
        long perSample = (long) g.taps() * channels * g.plane();
        MemorySegment u = Scratch.bytes(Scratch.Slot.CONVOLUTION_UNFOLDED, g.samples() * perSample * e);
        for (int n = 0; n < g.samples(); n++) {
            unfoldImage(source, channels, flipped, n, g, e, u, n * perSample);
        }
        return u;
    }

    /**
     * Sample n's unfolded {@code channels} planes of {@code source} written at element {@code at} of {@code u}: row
     * {@code t·channels + c} holds, at position {@code h·W + w}, {@code source[n, c, h + dh, w + dw]} for tap t's
     * offset {@code (dh, dw) = (kh − k/2, kw − k/2)} (tap {@code k² − 1 − t}'s when {@code flipped}, the offsets
     * negated), or 0 where that falls outside the image.
     */
    private static void unfoldImage(MemorySegment source, int channels, boolean flipped, int n, Geometry g, int e,
                                    MemorySegment u, long at) {
        long hw = g.plane();
        u.asSlice(at * e, (long) g.taps() * channels * hw * e).fill((byte) 0);
        for (int t = 0; t < g.taps(); t++) {
            Shift s = Shift.of(flipped ? g.taps() - 1 - t : t, g);
            for (int c = 0; c < channels; c++) {
                copyRows(source, ((long) n * channels + c) * hw + s.read(g), g.width(), u,
                        at + ((long) t * channels + c) * hw + s.write(g), g.width(), s.rows(), s.columns(), e);
            }
        }
    }

    /**
     * {@code target[n]} ({@code channels} planes) set to the sum over taps, in order, of each tap's rows of {@code u}
     * (row {@code t·channels + c}): added at the positions that tap read, the reverse of {@link #unfoldImage} (an
     * input gradient from dU); or, when {@code gather}, read at those positions and added at the tap's output
     * positions (a convolution's output from its per-tap products, {@link #forwardOutputUnfolded}).
     */
    private static void sumTaps(MemorySegment u, int channels, int n, Geometry g, int e, MemorySegment target,
                                boolean gather) {
        long hw = g.plane();
        long base = (long) n * channels * hw;
        target.asSlice(base * e, channels * hw * e).fill((byte) 0);
        for (int t = 0; t < g.taps(); t++) {
            Shift s = Shift.of(t, g);
            long from = gather ? s.read(g) : s.write(g);
            long to = gather ? s.write(g) : s.read(g);
            for (int c = 0; c < channels; c++) {
                addRows(u, ((long) t * channels + c) * hw + from, target, base + c * hw + to, s, g, e);
            }
        }
    }

    /** {@code target[to + r·W + j] += source[from + r·W + j]} over tap s's rows and columns. */
    private static void addRows(MemorySegment source, long from, MemorySegment target, long to, Shift s, Geometry g,
                                int e) {
        if (e == Float.BYTES) {
            VectorLoops.addRows(source, from, g.width(), target, to, g.width(), s.rows(), s.columns());
            return;
        }
        for (int r = 0; r < s.rows(); r++) {
            for (int j = 0; j < s.columns(); j++) {
                long a = to + (long) r * g.width() + j;
                target.setAtIndex(D, a, target.getAtIndex(D, a) + source.getAtIndex(D, from + (long) r * g.width() + j));
            }
        }
    }

    /**
     * Where tap t reads: the image offset {@code (dh, dw) = (kh − k/2, kw − k/2)} and the output rows
     * {@code [h0, h0 + rows)} and columns {@code [w0, w0 + columns)} whose read falls inside the image (none when
     * the kernel is wider than the image).
     */
    private record Shift(int dh, int dw, int h0, int rows, int w0, int columns) {
        static Shift of(int t, Geometry g) {
            int half = g.kernel() / 2;
            int dh = t / g.kernel() - half;
            int dw = t % g.kernel() - half;
            int h0 = Math.max(0, -dh);
            int w0 = Math.max(0, -dw);
            return new Shift(dh, dw, h0, Math.max(0, Math.min(g.height(), g.height() - dh) - h0), w0,
                    Math.max(0, Math.min(g.width(), g.width() - dw) - w0));
        }

        /** The first position read, within a plane: {@code (h0 + dh)·W + w0 + dw}. */
        long read(Geometry g) {
            return (long) (h0 + dh) * g.width() + w0 + dw;
        }

        /** The first output position, within a plane: {@code h0·W + w0}. */
        long write(Geometry g) {
            return (long) h0 * g.width() + w0;
        }
    }

    /** One sample's float64 weight gradient: one chain of fused multiply-adds per value and sample. */
    private static void addWeightGradientDouble(MemorySegment xs, MemorySegment gs, MemorySegment gw, Geometry g,
                                                int n) {
        int e = Double.BYTES;
        MemorySegment padded = place(Scratch.Slot.CONVOLUTION_INPUT, xs, g.in(), n, 1, g.planeStride(), g.kernel() / 2,
                g, e, n == 0);
        MemorySegment grid = place(Scratch.Slot.CONVOLUTION_OUTPUT, gs, g.out(), n, 1, g.gridStride(), 0, g, e, n == 0);
        for (int t = 0; t < g.taps(); t++) {
            ScalarGemm.productAlongRowsDouble(gw.asSlice(t * g.weightsPerTap() * e), g.out(), g.in(), g.out(),
                    padded.asSlice((long) g.tapOffset(t) * e), g.planeStride(), grid, g.gridStride(), g.grid(), true);
        }
    }

    /**
     * Every channel of samples {@code [n, n + count)} of a {@code [N, channels, H, W]} array placed in this thread's
     * scratch {@code slot}: channel c's planes start {@code c·stride} in, sample {@code n + r}'s P further on per r,
     * each plane's rows {@code W + k − 1} long and the image {@code border} rows and columns in from the plane's
     * start: {@code k / 2} for the zero-bordered input planes, 0 for the output grid. One stride more is left as slack
     * for whole-vector reads. The scratch is zeroed when {@code zero} (a thread's first run of a call); later runs of
     * the call overwrite only the images.
     */
    private static MemorySegment place(Scratch.Slot slot, MemorySegment source, int channels, int n, int count,
                                       int stride, int border, Geometry g, int e, boolean zero) {
        MemorySegment planes = Scratch.bytes(slot, (long) (channels + 1) * stride * e);
        if (zero) {
            planes.fill((byte) 0);
        }
        for (int r = 0; r < count; r++) {
            placeInto(source, channels, n + r, 0, channels, stride, border, g, e, planes, (long) r * g.planeLength());
        }
        return planes;
    }

    /** {@link #place}'s copy into zeroed planes of {@code target} starting at element {@code at}. */
    private static void placeInto(MemorySegment source, int channels, int n, int first, int count, int stride,
                                  int border, Geometry g, int e, MemorySegment target, long at) {
        for (int c = 0; c < count; c++) {
            long from = ((long) n * channels + first + c) * g.plane();
            long to = at + (long) c * stride + (long) border * g.rowLength() + border;
            copyRows(source, from, g.width(), target, to, g.rowLength(), g, e);
        }
    }

    /**
     * The unfolded matrix of padded planes: row {@code t·C + c} is channel c's planes from tap t's offset (tap
     * {@code k² − 1 − t} when {@code flipped}), {@code row} elements long.
     */
    private static MemorySegment unfold(MemorySegment padded, int channels, int stride, int row, Geometry g, int e,
                                        boolean flipped) {
        MemorySegment u = Scratch.bytes(Scratch.Slot.CONVOLUTION_UNFOLDED, (long) g.taps() * channels * row * e);
        int last = g.taps() - 1;
        for (int t = 0; t < g.taps(); t++) {
            long offset = g.tapOffset(flipped ? last - t : t);
            for (int c = 0; c < channels; c++) {
                MemorySegment.copy(padded, ((long) c * stride + offset) * e, u, ((long) t * channels + c) * row * e,
                        (long) row * e);
            }
        }
        return u;
    }

    /** Copies the H × W positions of every channel of {@code count} samples from an output grid to samples n on. */
    private static void crop(MemorySegment out, int grid, MemorySegment target, int n, int count, int channels,
                             Geometry g, int e) {
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < count; r++) {
                copyRows(out, (long) c * grid + (long) r * g.planeLength(), g.rowLength(), target,
                        ((long) (n + r) * channels + c) * g.plane(), g.width(), g, e);
            }
        }
    }

    /** Copies one plane's H rows of W elements between row strides {@code fromStride} and {@code toStride}. */
    private static void copyRows(MemorySegment source, long from, int fromStride, MemorySegment target, long to,
                                 int toStride, Geometry g, int e) {
        copyRows(source, from, fromStride, target, to, toStride, g.height(), g.width(), e);
    }

    /** Copies {@code rows} rows of {@code width} elements between row strides {@code fromStride} and {@code toStride}. */
    private static void copyRows(MemorySegment source, long from, int fromStride, MemorySegment target, long to,
                                 int toStride, int rows, int width, int e) {
        if (fromStride == width && toStride == width) {
            MemorySegment.copy(source, from * e, target, to * e, (long) rows * width * e);
        } else if (e == Float.BYTES) {
            VectorLoops.copyRows(source, from, fromStride, target, to, toStride, rows, width);
        } else {
            for (int h = 0; h < rows; h++) {
                MemorySegment.copy(source, (from + (long) h * fromStride) * e, target, (to + (long) h * toStride) * e,
                        (long) width * e);
            }
        }
    }

    /** {@code c = [c +] A·Y} with {@code A(i, q) = a[i·ai + q·ap]}, Y row-major with row stride ldy. */
    private static void product(boolean float32, MemorySegment c, int ldc, int m, int n, MemorySegment a, int ai,
                                int ap, MemorySegment y, int ldy, int p, boolean accumulate) {
        if (float32) {
            VectorGemm.product(c, ldc, 0, m, n, a, ai, ap, y, ldy, p, accumulate, null, false);
        } else {
            ScalarGemm.productDouble(c, ldc, m, n, a, ai, ap, y, ldy, p, accumulate, null, false);
        }
    }
}
