package org.flows4j.core.dist;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.flows4j.core.Distribution;
import org.flows4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A Gaussian with diagonal covariance and trainable mean μ and log standard deviation log σ:
 * {@code log p(z) = Σ [−½((z−μ)/σ)² − log σ − ½ log 2π]}.
 *
 * <p>Gradients: {@code ∂log p/∂z = −(z−μ)/σ²}, {@code ∂log p/∂μ = (z−μ)/σ²},
 * {@code ∂log p/∂log σ = ((z−μ)/σ)² − 1}.
 */
public final class DiagonalGaussian implements Distribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private final long[] eventShape;
    private final Parameter mean;
    private final Parameter logScale;

    /** A standard normal start (μ = 0, log σ = 0) whose parameters are then learned. */
    public DiagonalGaussian(long... eventShape) {
        this.eventShape = Events.checkedShape("DiagonalGaussian", eventShape);
        long size = Arrays.stream(eventShape).reduce(1, (a, b) -> a * b);
        this.mean = new Parameter("mean", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, size));
        this.logScale = new Parameter("logScale", Nd4j.zeros(Nd4j.defaultFloatingPointType(), 1, size));
    }

    /** The trainable mean μ, one row of shape {@code [1, E]} over the flattened event ({@code E} = event size). */
    public Parameter mean() {
        return mean;
    }

    /** The trainable log standard deviation log σ, shape {@code [1, E]} like {@link #mean()}. */
    public Parameter logScale() {
        return logScale;
    }

    @Override
    public long[] eventShape() {
        return eventShape.clone();
    }

    private INDArray standardized(INDArray z) {
        INDArray sigma = Transforms.exp(logScale.value(), true);
        return Events.flat(z).subRowVector(mean.value()).diviRowVector(sigma);
    }

    @Override
    public INDArray logProb(INDArray z) {
        Events.check(this, "logProb", z, null);
        INDArray u = standardized(z);
        double logNorm = logScale.value().sumNumber().doubleValue() + HALF_LOG_TWO_PI * u.size(1);
        return u.muli(u).sum(1).muli(-0.5).subi(logNorm);
    }

    @Override
    public INDArray sample(long n, double temperature, RandomGenerator random) {
        Events.checkSample(this, n, temperature);
        INDArray eps = Events.flat(Events.fill(n, eventShape, random, RandomGenerator::nextGaussian,
                mean.value().dataType()));
        INDArray sigma = Transforms.exp(logScale.value(), true).muli(temperature);
        return eps.muliRowVector(sigma).addiRowVector(mean.value()).reshape(Events.batchShape(n, eventShape));
    }

    @Override
    public INDArray backward(INDArray z, INDArray gradLogProb) {
        Events.check(this, "backward", z, gradLogProb);
        INDArray g = gradLogProb.reshape(z.size(0), 1);
        INDArray u = standardized(z);
        INDArray sigma = Transforms.exp(logScale.value(), true);
        INDArray dLogPdMean = u.divRowVector(sigma);
        mean.grad().addi(dLogPdMean.mulColumnVector(g).sum(true, 0));
        logScale.grad().addi(u.mul(u).subi(1).muliColumnVector(g).sum(true, 0));
        return dLogPdMean.muliColumnVector(g).negi().reshape(z.shape());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(mean, logScale);
    }

    @Override
    public String toString() {
        return "DiagonalGaussian" + Arrays.toString(eventShape);
    }
}
