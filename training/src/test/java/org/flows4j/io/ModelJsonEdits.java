package org.flows4j.io;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Model files with an edited {@code model.json}, for the tests of what reading them refuses or accepts. */
public final class ModelJsonEdits {
    private ModelJsonEdits() {
    }

    /**
     * A copy of the model file {@code from} at {@code to}, its {@code model.json} rewritten by {@code edit} and its
     * other entries as they were; fails the test if the edit leaves {@code model.json} unchanged.
     */
    public static Path rewritten(Path from, Path to, UnaryOperator<String> edit) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(
                Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (e.getName().equals("model.json")) {
                    String json = new String(bytes, StandardCharsets.UTF_8);
                    String edited = edit.apply(json);
                    assertFalse(edited.equals(json), "the edit of " + to.getFileName() + " must change model.json");
                    bytes = edited.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return to;
    }
}
