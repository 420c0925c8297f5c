package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.MapGradients;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The affine map with two parameters, a shift t and a raw scale h turned into {@code s = s(h)} by a
 * {@link CouplingScale}, in one of two orders: RealNVP's {@code y = x·s + t} and openai/glow's
 * {@code y = (x + t)·s}. Either way {@code log|∂y/∂x| = log s}. The conditioner's first block holds t, the second h.
 *
 * <p>Backward, with {@code g = dL/dy}, {@code γ = dL/dlogdet} and {@code d = d log s/dh}: {@code dL/dx = g·s};
 * scale then shift: {@code dL/dt = g}, {@code dL/dh = (g·(y − t) + γ)·d}; shift then scale: {@code dL/dt = g·s},
 * {@code dL/dh = (g·y + γ)·d}.
 *
 * @param scale how h becomes s
 * @param order which of the two forms
 */
public record AffineMap(CouplingScale scale, Order order) implements ElementwiseMap {

    /** Whether the shift is added after scaling (RealNVP, nflows) or before (openai/glow). */
    public enum Order {
        /** {@code y = x·s + t}. */
        SCALE_THEN_SHIFT,
        /** {@code y = (x + t)·s}. */
        SHIFT_THEN_SCALE
    }

    /** Checks that the scale and the order are given. */
    public AffineMap {
        if (scale == null || order == null) {
            throw new IllegalArgumentException("AffineMap: expected a scale and an order, got " + scale + ", " + order);
        }
    }

    /** RealNVP's {@code y = x·s + t}. */
    public static AffineMap scaleThenShift(CouplingScale scale) {
        return new AffineMap(scale, Order.SCALE_THEN_SHIFT);
    }

    /** openai/glow's {@code y = (x + t)·s}. */
    public static AffineMap shiftThenScale(CouplingScale scale) {
        return new AffineMap(scale, Order.SHIFT_THEN_SCALE);
    }

    private boolean shiftFirst() {
        return switch (order) {
            case SCALE_THEN_SHIFT -> false;
            case SHIFT_THEN_SCALE -> true;
        };
    }

    @Override
    public int parametersPerElement() {
        return 2;
    }

    @Override
    public double forward(double[] x, double[][] theta, double[] y) {
        double[] t = theta[0];
        double[] h = theta[1];
        boolean shiftFirst = shiftFirst();
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double logS = scale.logScale(h[j]);
            double s = scale.scale(h[j], logS);
            y[j] = shiftFirst ? (x[j] + t[j]) * s : x[j] * s + t[j];
            sum += logS;
        }
        return sum;
    }

    @Override
    public void inverse(double[] y, double[][] theta, double[] x) {
        double[] t = theta[0];
        double[] h = theta[1];
        boolean shiftFirst = shiftFirst();
        for (int j = 0; j < y.length; j++) {
            double s = scale.scale(h[j]);
            x[j] = shiftFirst ? y[j] / s - t[j] : (y[j] - t[j]) / s;
        }
    }

    @Override
    public void backward(double[] y, double[] gradOutput, double gradLogDet, double[][] theta, double[] x,
                         double[] gradInput, double[][] gradTheta) {
        double[] t = theta[0];
        double[] h = theta[1];
        double[] gt = gradTheta[0];
        double[] gh = gradTheta[1];
        boolean shiftFirst = shiftFirst();
        for (int j = 0; j < y.length; j++) {
            double s = scale.scale(h[j]);
            double g = gradOutput[j];
            double d = scale.derivative(h[j]);
            if (shiftFirst) {
                x[j] = y[j] / s - t[j];
                gradInput[j] = g * s;
                gt[j] = g * s;
                gh[j] = (g * y[j] + gradLogDet) * d;
            } else {
                double xj = (y[j] - t[j]) / s;
                x[j] = xj;
                gradInput[j] = g * s;
                gt[j] = g;
                gh[j] = (g * xj * s + gradLogDet) * d;
            }
        }
    }

    @Override
    public Transformed forward(INDArray x, INDArray[] theta) {
        INDArray s = scale.scale(theta[1]);
        INDArray y = shiftFirst() ? x.add(theta[0]).muli(s) : x.mul(s).addi(theta[0]);
        return new Transformed(y, scale.logScale(theta[1]).sum(1));
    }

    @Override
    public INDArray inverse(INDArray y, INDArray[] theta) {
        INDArray s = scale.scale(theta[1]);
        return shiftFirst() ? y.div(s).subi(theta[0]) : y.sub(theta[0]).divi(s);
    }

    @Override
    public MapGradients backward(INDArray y, INDArray gradOutput, INDArray gradLogDet, INDArray[] theta) {
        INDArray s = scale.scale(theta[1]);
        INDArray x = inverse(y, theta);
        INDArray gx = gradOutput.mul(s);
        INDArray gt = shiftFirst() ? gx.dup() : gradOutput.dup();
        INDArray inner = shiftFirst() ? gradOutput.mul(y) : gradOutput.mul(x).muli(s);
        INDArray gh = inner.addiColumnVector(gradLogDet.castTo(y.dataType())).muli(scale.derivative(theta[1]));
        return new MapGradients(x, gx, new INDArray[] {gt, gh});
    }

    @Override
    public String toString() {
        return (shiftFirst() ? "AffineMap[(x + t)·s, " : "AffineMap[x·s + t, ") + scale + "]";
    }
}
