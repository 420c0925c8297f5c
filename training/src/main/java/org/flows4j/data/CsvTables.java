package org.flows4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads numeric CSV tables, plain or gzipped (detected from the content), with or without a header row.
 * Every problem is reported as a {@link DataFormatException} naming the file, line and column.
 */
public final class CsvTables {
    private CsvTables() {
    }

    /** Whether a file's first row names its columns. */
    public enum Header {
        /** The first row names the columns when its first cell is not a number. */
        AUTO,
        /** The first row names the columns, whatever it holds (names made of digits included). */
        PRESENT,
        /** Every row is data; the columns are named x0, x1, … by position. */
        ABSENT
    }

    /** The table in {@code file}, its header detected ({@link Header#AUTO}); see {@link #read(Path, Header)}. */
    public static Table read(Path file) {
        return read(file, Header.AUTO);
    }

    /**
     * The table in {@code file} as float64 values. {@code header} says whether the first row names the columns
     * ({@link Header#AUTO}: when its first cell is not a number); without names the columns are named x0, x1, … by
     * position ({@link Table#positionalWidth}); header names must be distinct. A leading byte-order mark (as
     * spreadsheet exports write it) is dropped. Blank lines are skipped; every row must have the same number of
     * cells, each a finite number, and there must be at least one data row.
     */
    public static Table read(Path file, Header header) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such file");
        }
        try (Reader reader = new InputStreamReader(open(file), StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build().parse(reader)) {
            List<String> names = null;
            List<double[]> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                boolean first = names == null && rows.isEmpty();
                if (first && switch (header) {
                    case AUTO -> !isNumeric(record.get(0));
                    case PRESENT -> true;
                    case ABSENT -> false;
                }) {
                    names = distinct(file, record.toList());
                    continue;
                }
                int expected = names != null ? names.size() : rows.isEmpty() ? record.size() : rows.get(0).length;
                if (record.size() != expected) {
                    throw new DataFormatException(file + ":" + line + ": expected " + expected + " columns, found "
                            + record.size());
                }
                double[] row = new double[expected];
                for (int j = 0; j < expected; j++) {
                    row[j] = parse(file, line, j, names, record.get(j));
                }
                rows.add(row);
            }
            if (rows.isEmpty()) {
                throw new DataFormatException(file + ": no data rows"
                        + (names != null ? " (header only)" : " (empty file)"));
            }
            int dim = rows.get(0).length;
            INDArray values = Table.matrix(rows.toArray(double[][]::new));
            return names != null ? new Table(names, values) : new Table(Table.positions(dim), values, dim);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataFormatException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The file's bytes, gunzipped when they start with gzip's magic number, without a UTF-8 byte-order mark. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream text = b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16)) : in;
        text.mark(3);
        if (text.read() != 0xEF || text.read() != 0xBB || text.read() != 0xBF) {
            text.reset();
        }
        return text;
    }

    private static List<String> distinct(Path file, List<String> header) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int j = 0; j < header.size(); j++) {
            if (!seen.add(header.get(j))) {
                throw new DataFormatException(file + ":1: column " + (j + 1) + ": duplicate column name '"
                        + header.get(j) + "' (column " + (header.indexOf(header.get(j)) + 1) + " has it too)");
            }
        }
        return header;
    }

    private static boolean isNumeric(String cell) {
        try {
            Double.parseDouble(cell.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(Path file, long line, int column, List<String> header, String cell) {
        String where = file + ":" + line + ": column " + (column + 1)
                + (header != null ? " (" + header.get(column) + ")" : "");
        double v;
        try {
            v = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(where + ": not a number: '" + cell + "'");
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(where + ": non-finite value " + cell);
        }
        return v;
    }
}
