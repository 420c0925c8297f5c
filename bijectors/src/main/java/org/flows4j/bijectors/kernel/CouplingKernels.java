package org.flows4j.bijectors.kernel;

import java.util.Arrays;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise part of every coupling, for any partition ({@link CouplingLayout}) and any element-wise map
 * ({@link ElementwiseMath}): the conditioner's input from x, the map applied to the transformed elements with its
 * log-det, its inverse, its backward pass, and the conditioner's gradient added back to the kept elements. Arrays
 * are batches {@code [N, event…]}; the conditioner's output h holds P parameter blocks per sample.
 *
 * <p>On the {@link Kernels.Path#HOST host} path each call is one pass over the arrays' memory, one sample at a time
 * (the map sees that sample's transformed elements as Java arrays); on the ND4J path the same positions drive
 * ND4J's gather op, so it runs wherever ND4J does.
 */
public final class CouplingKernels {
    private CouplingKernels() {
    }

    /** The conditioner's input: the kept elements, packed or as {@code b ⊙ x} ({@link CouplingLayout}). */
    public static INDArray conditionerInput(INDArray x, CouplingLayout layout) {
        int rows = requireEvents("conditionerInput", x, layout);
        long[] shape = layout.conditionerInputShape(rows);
        if (Kernels.host(x)) {
            INDArray xc = ArrayMemory.contiguous(x);
            INDArray in = layout.packed() ? Nd4j.createUninitialized(x.dataType(), shape) : Nd4j.zeros(x.dataType(), shape);
            CouplingLoops.conditionerInput(ArrayMemory.of(xc), ArrayMemory.of(in), rows, layout);
            java.lang.ref.Reference.reachabilityFence(xc);
            return in;
        }
        return Nd4jOps.conditionerInput(x, layout).reshape(shape);
    }

    /** {@code gradInput += (∂ input / ∂x)ᵀ · gradConditionerInput} in place; {@code gradInput} must be c-contiguous. */
    public static void addConditionerGradient(INDArray gradInput, INDArray gradConditionerInput, CouplingLayout layout) {
        int rows = requireEvents("addConditionerGradient", gradInput, layout);
        requireShape("addConditionerGradient", gradConditionerInput, layout.conditionerInputShape(rows), gradInput);
        if (!ArrayMemory.isContiguous(gradInput)) {
            throw new IllegalArgumentException("addConditionerGradient: expected a c-contiguous gradient to add into, got "
                    + "strides " + Arrays.toString(gradInput.stride()));
        }
        if (Kernels.host(gradInput, gradConditionerInput)) {
            INDArray gc = ArrayMemory.contiguous(gradConditionerInput);
            CouplingLoops.addConditionerGradient(ArrayMemory.of(gradInput), ArrayMemory.of(gc), rows, layout);
            java.lang.ref.Reference.reachabilityFence(new Object[] {gc, gradInput});
            return;
        }
        Nd4jOps.addConditionerGradient(gradInput, gradConditionerInput, layout);
    }

    /** {@code y}: x with the transformed elements mapped, {@code y_B = f(x_B; θ(h))}; the log-det per sample. */
    public static Transformed forward(INDArray x, INDArray h, CouplingLayout layout, ElementwiseMath map) {
        int rows = requireEvents("coupling forward", x, layout);
        requireShape("coupling forward", h, layout.conditionerOutputShape(rows, map.parametersPerElement()), x);
        if (Kernels.host(x, h)) {
            INDArray[] c = {ArrayMemory.contiguous(x), ArrayMemory.contiguous(h)};
            INDArray y = c[0].dup('c');
            INDArray logDet = Nd4j.createUninitialized(x.dataType(), rows);
            CouplingLoops.apply(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(y), ArrayMemory.of(logDet),
                    rows, layout, map, true);
            java.lang.ref.Reference.reachabilityFence(c);
            return new Transformed(y, logDet);
        }
        Transformed t = Nd4jOps.couplingForward(x, h, layout, map);
        return new Transformed(t.output().reshape(x.shape()), t.logDet());
    }

    /** {@code x}: y with the transformed elements mapped back, {@code x_B = f⁻¹(y_B; θ(h))}. */
    public static INDArray inverse(INDArray y, INDArray h, CouplingLayout layout, ElementwiseMath map) {
        int rows = requireEvents("coupling inverse", y, layout);
        requireShape("coupling inverse", h, layout.conditionerOutputShape(rows, map.parametersPerElement()), y);
        if (Kernels.host(y, h)) {
            INDArray[] c = {ArrayMemory.contiguous(y), ArrayMemory.contiguous(h)};
            INDArray x = c[0].dup('c');
            CouplingLoops.apply(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(x), null, rows, layout, map,
                    false);
            java.lang.ref.Reference.reachabilityFence(c);
            return x;
        }
        return Nd4jOps.couplingInverse(y, h, layout, map).reshape(y.shape());
    }

    /**
     * The map's backward pass from its output y, {@code dL/dy} and {@code dL/dlogdet} ({@code [N]}): x, {@code dL/dx}
     * with only {@code dL/dy} on the kept elements (the conditioner's share is {@link #addConditionerGradient}'s),
     * and {@code dL/dh}, zero where the map reads nothing.
     */
    public static CouplingGradients backward(INDArray y, INDArray gradOutput, INDArray h, INDArray gradLogDet,
                                             CouplingLayout layout, ElementwiseMath map) {
        int rows = requireEvents("coupling backward", y, layout);
        requireShape("coupling backward", gradOutput, y.shape(), y);
        requireShape("coupling backward", h, layout.conditionerOutputShape(rows, map.parametersPerElement()), y);
        requireShape("coupling backward", gradLogDet, new long[] {rows}, y);
        if (Kernels.host(y, gradOutput, h, gradLogDet)) {
            INDArray[] c = {ArrayMemory.contiguous(y), ArrayMemory.contiguous(gradOutput), ArrayMemory.contiguous(h),
                ArrayMemory.contiguous(gradLogDet)};
            INDArray x = c[0].dup('c');
            INDArray gx = c[1].dup('c');
            INDArray gh = layout.packed() ? Nd4j.createUninitialized(h.dataType(), h.shape())
                    : Nd4j.zeros(h.dataType(), h.shape());
            CouplingLoops.backward(ArrayMemory.of(c[0]), ArrayMemory.of(c[1]), ArrayMemory.of(c[2]),
                    ArrayMemory.of(c[3]), ArrayMemory.of(x), ArrayMemory.of(gx), ArrayMemory.of(gh), rows, layout, map);
            java.lang.ref.Reference.reachabilityFence(c);
            return new CouplingGradients(x, gx, gh);
        }
        CouplingGradients g = Nd4jOps.couplingBackward(y, gradOutput, h, gradLogDet, layout, map);
        return new CouplingGradients(g.input().reshape(y.shape()), g.gradInput().reshape(y.shape()),
                g.gradConditionerOutput().reshape(h.shape()));
    }

    /** Checks {@code x} is {@code [N, event…]} of the layout's event shape and returns N. */
    private static int requireEvents(String kernel, INDArray x, CouplingLayout layout) {
        long[] event = layout.eventShape();
        if (x.rank() != event.length + 1 || !Arrays.equals(Arrays.copyOfRange(x.shape(), 1, x.rank()), event)) {
            throw new IllegalArgumentException(kernel + ": expected an array of shape " + org.flows4j.core.Shapes.batchOf(
                    event) + ", got " + Arrays.toString(x.shape()));
        }
        if (x.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(kernel + ": arrays of more than 2^31 elements are not supported, got "
                    + x.length());
        }
        return (int) x.size(0);
    }

    private static void requireShape(String kernel, INDArray a, long[] expected, INDArray like) {
        if (!Arrays.equals(a.shape(), expected) || a.dataType() != like.dataType()) {
            throw new IllegalArgumentException(kernel + ": expected an array of shape " + Arrays.toString(expected)
                    + " " + like.dataType() + ", got " + Arrays.toString(a.shape()) + " " + a.dataType());
        }
    }
}
