package org.flows4j.bijectors;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Selects columns {@code c_0..c_{k−1}} of a {@code [N, D]} array in one gemm with a 0/1 matrix S ({@code S[c_i, i] = 1}):
 * {@code select(x) = x·S} ({@code [N, k]}) and {@code expand(u) = u·Sᵀ} ({@code [N, D]}, zeros elsewhere).
 *
 * <p>Each output is one product by 1 plus products by 0, so both are exact; one gemm costs far less than k
 * column copies at ND4J's per-call overhead.
 */
public final class ColumnSelector {
    private final int dim;
    private final int[] columns;
    private final Map<DataType, INDArray> matrices = new EnumMap<>(DataType.class);

    public ColumnSelector(int dim, int[] columns) {
        this.dim = dim;
        this.columns = columns.clone();
        for (int c : columns) {
            if (c < 0 || c >= dim) {
                throw new IllegalArgumentException("column " + c + " outside [0, " + dim + ")");
            }
        }
    }

    public int[] columns() {
        return columns.clone();
    }

    public int dim() {
        return dim;
    }

    private synchronized INDArray matrix(DataType type) {
        return matrices.computeIfAbsent(type, t -> {
            INDArray s = Nd4j.zeros(t, dim, columns.length);
            for (int i = 0; i < columns.length; i++) {
                s.putScalar(columns[i], i, 1.0);
            }
            return s;
        });
    }

    /** {@code x[:, columns]}, shape {@code [N, k]}. */
    public INDArray select(INDArray x) {
        if (x.rank() != 2 || x.size(1) != dim) {
            throw new IllegalArgumentException("expected [N, " + dim + "], got " + Arrays.toString(x.shape()));
        }
        return x.mmul(matrix(x.dataType()));
    }

    /** The {@code [N, D]} array holding {@code u}'s columns at {@code columns} and zeros elsewhere. */
    public INDArray expand(INDArray u) {
        return Nd4j.gemm(u, matrix(u.dataType()), false, true);
    }
}
