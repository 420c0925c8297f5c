package org.flows4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes output files completely or not at all: into a hidden temporary file beside the target (so the rename
 * stays on one file system), renamed into place only when the writer finished; on any failure the target is
 * untouched and the temporary file removed.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What a writer does with the stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}, which the caller closes; throwing leaves the target untouched. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** What a CSV writer does with its printer. */
    @FunctionalInterface
    public interface Rows {
        /** Prints the rows to {@code printer}, the header already written; throwing leaves the target untouched. */
        void write(CSVPrinter printer) throws IOException;
    }

    /**
     * Throws an {@link IOException} naming {@code file} if {@link #write} could not write it: its folder missing or not
     * writable, or the file a folder. A command that works for minutes before writing checks its output first.
     */
    public static void checkWritable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IOException(file + ": cannot write there (folder missing or not writable)");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder");
        }
    }

    /**
     * Writes {@code content} to {@code file}, replacing any existing file only once the content is complete. Throws
     * an {@link IOException} if the folder is missing or not writable, if {@code file} is a folder, or if writing
     * fails; the target is then left as it was.
     */
    public static void write(Path file, Content content) throws IOException {
        checkWritable(file);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a CSV with the given header to {@code file}, atomically. */
    public static void writeCsv(Path file, List<String> header, Rows rows) throws IOException {
        write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build().print(w);
            rows.write(printer);
            printer.flush();
        });
    }
}
