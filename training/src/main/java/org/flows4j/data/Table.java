package org.flows4j.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A numeric table: named columns and a {@code [rows, columns]} float64 array. */
public record Table(List<String> columns, INDArray values) {

    /** Copies the column names and checks that {@code values} is {@code [rows, columns.size()]}. */
    public Table {
        columns = List.copyOf(columns);
        if (values.rank() != 2 || values.size(1) != columns.size()) {
            throw new IllegalArgumentException("values must be [rows, " + columns.size() + "]");
        }
    }

    /** A table with columns named x0, x1, …. */
    public static Table of(INDArray values) {
        return new Table(java.util.stream.IntStream.range(0, (int) values.size(1)).mapToObj(i -> "x" + i).toList(),
                values);
    }

    /** The number of rows. */
    public int rows() {
        return (int) values.size(0);
    }

    /** The number of columns, the data's dimension. */
    public int dim() {
        return columns.size();
    }

    /** The values in the given data type (a copy unless already of that type). */
    public INDArray values(DataType type) {
        return values.dataType() == type ? values : values.castTo(type);
    }

    static INDArray matrix(double[][] rows) {
        return rows.length == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, 0) : Nd4j.createFromArray(rows);
    }
}
