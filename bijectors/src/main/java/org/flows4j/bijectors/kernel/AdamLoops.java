package org.flows4j.bijectors.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The host path of {@link Kernels#adamStep}: Adam's moments, update and parameter step in one pass over the four
 * arrays, float32 a vector of lanes at a time and float64 one value at a time, with the arithmetic of ND4J's
 * {@code adam_updater} op in the arrays' type, operation for operation, followed by ND4J's {@code w −= update}:
 * <pre>
 *   m ← fma(β₁, m, g·(1 − β₁))
 *   v ← fma(β₂, v, (g·g)·(1 − β₂))
 *   w ← w − (m·α_t) / (√v + ε)
 * </pre>
 * with the step size {@code α_t} of {@link #stepSizeFloat}: the fused multiply-adds are where ND4J's compiled loop
 * (built with contraction) fuses, found by comparing it value by value, so both paths give the same values bit for
 * bit ({@code AdamStepTest}).
 */
final class AdamLoops {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private AdamLoops() {
    }

    /**
     * Adam's bias-corrected step size at {@code iteration} (from 0), as ND4J's op computes it in float32:
     * {@code α_t = α·√(1 − β₂^{t+1}) / (1 − β₁^{t+1})}, the powers and the square root in float32, the division in
     * float64, the result rounded to float32 — and ε where that is 0 or not finite.
     */
    static float stepSizeFloat(double lr, double beta1, double beta2, double epsilon, int iteration) {
        float a = (float) lr;
        float t = (float) iteration + 1;
        float b1t = (float) Math.pow((float) beta1, t);
        float b2t = (float) Math.pow((float) beta2, t);
        float root = (float) Math.sqrt((float) (1.0 - b2t));
        float step = (float) ((double) (a * root) / (1.0 - b1t));
        return Float.isNaN(step) || step == 0 || Float.isInfinite(step) ? (float) epsilon : step;
    }

    /** {@link #stepSizeFloat} in float64 throughout. */
    static double stepSize(double lr, double beta1, double beta2, double epsilon, int iteration) {
        double t = (double) iteration + 1;
        double step = lr * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t));
        return Double.isNaN(step) || step == 0 || Double.isInfinite(step) ? epsilon : step;
    }

    /** The float32 pass over elements {@code [from, to)}. */
    static void stepFloat(MemorySegment w, MemorySegment g, MemorySegment m, MemorySegment v, long from, long to,
                          float beta1, float beta2, float step, float epsilon) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        FloatVector b1 = FloatVector.broadcast(SPECIES, beta1);
        FloatVector b2 = FloatVector.broadcast(SPECIES, beta2);
        for (long i = from; i < to; i += LANES) {
            VectorMask<Float> mask = SPECIES.indexInRange(i, to);
            long at = i * Float.BYTES;
            FloatVector gv = FloatVector.fromMemorySegment(SPECIES, g, at, ORDER, mask);
            FloatVector mv = FloatVector.fromMemorySegment(SPECIES, m, at, ORDER, mask).fma(b1, gv.mul(c1));
            FloatVector vv = FloatVector.fromMemorySegment(SPECIES, v, at, ORDER, mask).fma(b2, gv.mul(gv).mul(c2));
            FloatVector update = mv.mul(step).div(vv.sqrt().add(epsilon));
            mv.intoMemorySegment(m, at, ORDER, mask);
            vv.intoMemorySegment(v, at, ORDER, mask);
            FloatVector.fromMemorySegment(SPECIES, w, at, ORDER, mask).sub(update).intoMemorySegment(w, at, ORDER, mask);
        }
    }

    /** The float64 pass over elements {@code [from, to)}. */
    static void stepDouble(MemorySegment w, MemorySegment g, MemorySegment m, MemorySegment v, long from, long to,
                           double beta1, double beta2, double step, double epsilon) {
        double c1 = 1 - beta1;
        double c2 = 1 - beta2;
        for (long i = from; i < to; i++) {
            double gi = g.getAtIndex(D, i);
            double mi = Math.fma(beta1, m.getAtIndex(D, i), gi * c1);
            double vi = Math.fma(beta2, v.getAtIndex(D, i), gi * gi * c2);
            m.setAtIndex(D, i, mi);
            v.setAtIndex(D, i, vi);
            w.setAtIndex(D, i, w.getAtIndex(D, i) - mi * step / (Math.sqrt(vi) + epsilon));
        }
    }
}
