package org.flows4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.flows4j.data.CsvTables;
import org.flows4j.data.Table;
import picocli.CommandLine.Option;

/** How the commands that read CSV files tell a header row from data. */
final class CsvOptions {
    @Option(names = "--header", defaultValue = "auto",
            description = "auto (a first row whose first cell is not a number names the columns) | yes | no "
                    + "(default: ${DEFAULT-VALUE})")
    String header;

    /** The header mode {@code --header} names; another value is refused. */
    CsvTables.Header mode() {
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "auto" -> CsvTables.Header.AUTO;
            case "yes" -> CsvTables.Header.PRESENT;
            case "no" -> CsvTables.Header.ABSENT;
            default -> throw new IllegalArgumentException("--header must be auto, yes or no, got '" + header + "'");
        };
    }

    /** The table in {@code file}, read with the header mode of {@code --header}. */
    Table read(Path file) {
        return CsvTables.read(file, mode());
    }
}
