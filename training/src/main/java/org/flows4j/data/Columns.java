package org.flows4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Choosing and matching table columns by name, with errors that name the file and the column. */
public final class Columns {
    private Columns() {
    }

    /** The columns named in {@code keep} (all if empty) minus those in {@code drop}, in the table's order. */
    public static Table select(Path file, Table table, List<String> keep, List<String> drop) {
        for (String name : concat(keep, drop)) {
            if (!table.columns().contains(name)) {
                throw new DataFormatException(file + ": no column named '" + name + "' (columns: "
                        + String.join(",", table.columns()) + ")");
            }
        }
        List<String> chosen = new ArrayList<>();
        for (String c : table.columns()) {
            if ((keep.isEmpty() || keep.contains(c)) && !drop.contains(c)) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new DataFormatException(file + ": no columns left to fit after --columns/--exclude");
        }
        return byName(file, table, chosen);
    }

    /** The table's columns reordered to {@code names}; each must exist (by name, or by position without a header). */
    public static Table byName(Path file, Table table, List<String> names) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = table.columns().indexOf(names.get(i));
            if (idx[i] < 0) {
                throw new DataFormatException(file + ": the model needs column '" + names.get(i)
                        + "', which the data lacks (data columns: " + String.join(",", table.columns()) + ")");
            }
        }
        INDArray values = table.values().getColumns(idx).dup('c');
        return table.withValues(names, values);
    }

    /**
     * As {@link #byName(Path, Table, List)}, for columns taken by position from a table {@code positionalWidth} wide
     * (0 when they have names): a table without a header must then be exactly as wide, since by position a file with
     * other or more columns cannot be told from the right one.
     */
    public static Table byName(Path file, Table table, List<String> names, int positionalWidth) {
        if (positionalWidth > 0 && table.positionalWidth() > 0 && table.dim() != positionalWidth) {
            throw new DataFormatException(file + ": " + table.dim() + " columns and no header, where the model's "
                    + "columns were taken by position from " + positionalWidth + "; without a header their number "
                    + "must be the same");
        }
        return byName(file, table, names);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
