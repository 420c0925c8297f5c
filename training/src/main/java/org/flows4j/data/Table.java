package org.flows4j.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A numeric table: named columns and a {@code [rows, columns]} float64 array. Columns without names of their own (a
 * CSV file without a header, an array) are named x0, x1, … by position, and {@code positionalWidth} is the number of
 * columns they were taken from: a table matched to them by position must be as wide. Named columns have a
 * {@code positionalWidth} of 0.
 */
public record Table(List<String> columns, INDArray values, int positionalWidth) {

    /**
     * Copies the column names and checks that {@code values} is {@code [rows, columns.size()]} and that a positional
     * width, when there is one, covers the columns.
     */
    public Table {
        columns = List.copyOf(columns);
        if (values.rank() != 2 || values.size(1) != columns.size()) {
            throw new IllegalArgumentException("values must be [rows, " + columns.size() + "]");
        }
        if (positionalWidth != 0 && positionalWidth < columns.size()) {
            throw new IllegalArgumentException("Table: expected a positional width of 0 (named columns) or at least "
                    + columns.size() + ", got " + positionalWidth);
        }
    }

    /** A table of named columns. */
    public Table(List<String> columns, INDArray values) {
        this(columns, values, 0);
    }

    /** A table with columns named x0, x1, … by position. */
    public static Table of(INDArray values) {
        return new Table(positions((int) values.size(1)), values, (int) values.size(1));
    }

    /** The names x0, x1, …, x(n−1) of n columns taken by position. */
    public static List<String> positions(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "x" + i).toList();
    }

    /** This table's columns named {@code names} with {@code values}: the same positional width, other rows. */
    public Table withValues(List<String> names, INDArray newValues) {
        return new Table(names, newValues, positionalWidth);
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
