package org.flows4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV reading: header detection, gzip, and one-line errors naming file, line and column. */
class CsvTablesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsHeaderAndGzip() throws IOException {
        Path p = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("a,b\n1,2\n3.5,-4e-1\n".getBytes(StandardCharsets.UTF_8));
        }
        Table t = CsvTables.read(p);
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals(2, t.rows());
        assertEquals(-0.4, t.values().getDouble(1, 1), 0);
        Table noHeader = CsvTables.read(write("n.csv", "1,2,3\n4,5,6\n"));
        assertEquals(List.of("x0", "x1", "x2"), noHeader.columns());
    }

    private String error(Path p) {
        return assertThrows(DataFormatException.class, () -> CsvTables.read(p)).getMessage();
    }

    @Test
    void badInputNamesTheSpot() throws IOException {
        String ragged = error(write("r.csv", "a,b\n1,2\n3\n"));
        assertTrue(ragged.contains("r.csv:3") && ragged.contains("expected 2 columns, found 1"), ragged);
        String text = error(write("s.csv", "a,b\n1,2\n3,x\n"));
        assertTrue(text.contains("s.csv:3") && text.contains("column 2 (b)") && text.contains("'x'"), text);
        String nan = error(write("nan.csv", "a,b\n1,NaN\n"));
        assertTrue(nan.contains("nan.csv:2") && nan.contains("non-finite"), nan);
        String inf = error(write("inf.csv", "a,b\nInfinity,1\n"));
        assertTrue(inf.contains("column 1 (a)") && inf.contains("non-finite"), inf);
        assertTrue(error(write("empty.csv", "")).contains("empty file"));
        assertTrue(error(write("h.csv", "a,b\n")).contains("header only"));
        assertTrue(error(dir.resolve("missing.csv")).contains("missing.csv: no such file"));
        for (String m : List.of(ragged, text, nan, inf)) {
            assertTrue(!m.contains("\n"), "one line: " + m);
        }
    }

    @Test
    void columnsTakenByPositionMatchOnlyATableOfTheSameWidth() throws IOException {
        Table five = CsvTables.read(write("five.csv", "1,2,3,4,5\n6,7,8,9,10\n"));
        assertEquals(5, five.positionalWidth(), "a file without a header is read by position");
        Table chosen = Columns.select(dir.resolve("five.csv"), five, List.of(), List.of("x4"));
        assertEquals(List.of("x0", "x1", "x2", "x3"), chosen.columns());
        assertEquals(5, chosen.positionalWidth(), "chosen from five columns by position");
        Table six = CsvTables.read(write("six.csv", "1,2,3,4,5,0\n6,7,8,9,10,0\n"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Columns.byName(dir.resolve("six.csv"), six, chosen.columns(), chosen.positionalWidth()));
        assertEquals(dir.resolve("six.csv") + ": 6 columns and no header, where the model's columns were taken by "
                + "position from 5; without a header their number must be the same", e.getMessage());
        assertEquals(4, Columns.byName(dir.resolve("five.csv"), five, chosen.columns(), 5).dim());
        Table named = CsvTables.read(write("named.csv", "x0,x1,x2,x3,x4,x5\n1,2,3,4,5,0\n"));
        assertEquals(0, named.positionalWidth());
        assertEquals(4, Columns.byName(dir.resolve("named.csv"), named, chosen.columns(), 5).dim(),
                "named columns are matched by name, whatever the width");
    }

    @Test
    void theHeaderModeDecidesWhatTheFirstRowIs() throws IOException {
        Path years = write("years.csv", "1990,1991\n1.5,2.5\n3.5,4.5\n");
        assertEquals(3, CsvTables.read(years).rows(), "detected: a first row of numbers is data");
        Table named = CsvTables.read(years, CsvTables.Header.PRESENT);
        assertEquals(List.of("1990", "1991"), named.columns());
        assertEquals(2, named.rows());
        assertEquals(0, named.positionalWidth());
        Path text = write("text.csv", "a,b\n1,2\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvTables.read(text, CsvTables.Header.ABSENT));
        assertEquals(text + ":1: column 1: not a number: 'a'", e.getMessage());
    }
}
