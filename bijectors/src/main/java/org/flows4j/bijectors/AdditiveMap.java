package org.flows4j.bijectors;

import org.flows4j.bijectors.kernel.MapGradients;
import org.flows4j.core.Transformed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NICE's additive map: {@code y = x + t} with one parameter, the shift t; volume preserving, {@code log|det J| = 0}.
 * Backward: {@code dL/dx = dL/dt = dL/dy}.
 */
public record AdditiveMap() implements ElementwiseMap {

    @Override
    public int parametersPerElement() {
        return 1;
    }

    @Override
    public double forward(double[] x, double[][] theta, double[] y) {
        double[] t = theta[0];
        for (int j = 0; j < x.length; j++) {
            y[j] = x[j] + t[j];
        }
        return 0;
    }

    @Override
    public void inverse(double[] y, double[][] theta, double[] x) {
        double[] t = theta[0];
        for (int j = 0; j < y.length; j++) {
            x[j] = y[j] - t[j];
        }
    }

    @Override
    public void backward(double[] y, double[] gradOutput, double gradLogDet, double[][] theta, double[] x,
                         double[] gradInput, double[][] gradTheta) {
        inverse(y, theta, x);
        System.arraycopy(gradOutput, 0, gradInput, 0, y.length);
        System.arraycopy(gradOutput, 0, gradTheta[0], 0, y.length);
    }

    @Override
    public Transformed forward(INDArray x, INDArray[] theta) {
        return new Transformed(x.add(theta[0]), Nd4j.zeros(x.dataType(), x.size(0)));
    }

    @Override
    public INDArray inverse(INDArray y, INDArray[] theta) {
        return y.sub(theta[0]);
    }

    @Override
    public MapGradients backward(INDArray y, INDArray gradOutput, INDArray gradLogDet, INDArray[] theta) {
        return new MapGradients(inverse(y, theta), gradOutput.dup(), new INDArray[] {gradOutput.dup()});
    }
}
