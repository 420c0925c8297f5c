package org.flows4j.cli.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's practical peak for this work: one large float32 matrix product {@code C = A·B} with
 * {@code n = 4096}, {@code 2n³} FLOPs, timed by ND4J's gemm on all its threads (median of five after one warm-up).
 */
public final class MachinePeak {
    /** The matrix side. */
    public static final int SIDE = 4096;

    private MachinePeak() {
    }

    /** The measured peak in GFLOP/s. */
    public static double gflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIDE, SIDE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIDE, SIDE);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, SIDE, SIDE);
        double seconds = Timings.medianSeconds(1, 5, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
        return 2.0 * SIDE * SIDE * (double) SIDE / seconds / 1e9;
    }
}
