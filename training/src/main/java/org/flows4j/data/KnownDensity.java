package org.flows4j.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A synthetic distribution with an exactly computable log-density, generated in Java: the yardstick against which
 * a fitted flow's test NLL is measured ({@code gap = model NLL − true NLL ≥ 0} on average).
 */
public interface KnownDensity {

    /** The set's name, as {@link SyntheticSets#byName} looks it up (e.g. {@code moons}). */
    String name();

    /** The number of dimensions D of a point. */
    int dim();

    /** One draw. */
    double[] draw(SplittableRandom random);

    /** {@code log p(x)} of one point, exact up to quadrature error where the density is an integral. */
    double logDensity(double[] x);

    /** {@code n} draws from {@code seed}, as a float64 {@code [n, dim]} table. */
    default Table sample(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = draw(random);
        }
        return Table.of(Nd4j.createFromArray(rows).castTo(DataType.DOUBLE));
    }

    /** The true mean negative log-likelihood {@code −(1/N) Σ log p(x_n)} of the rows of {@code x}. */
    default double meanNll(INDArray x) {
        double sum = 0;
        for (int i = 0; i < x.size(0); i++) {
            sum -= logDensity(x.getRow(i).toDoubleVector());
        }
        return sum / x.size(0);
    }

    /** {@code log Σ exp(v_i)} without overflow. */
    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            max = Math.max(max, a);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double a : v) {
            s += Math.exp(a - max);
        }
        return max + Math.log(s);
    }
}
