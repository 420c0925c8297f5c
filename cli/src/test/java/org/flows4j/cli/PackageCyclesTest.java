package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the main sources import each other without cycles, so dependencies point one way inside the
 * modules too (for example {@code bijectors.image → bijectors.nn → core}, never back). Read from the sources'
 * {@code package} and {@code import} lines.
 */
class PackageCyclesTest {
    private static final List<String> MODULES = List.of("core", "bijectors", "training", "cli");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.flows4j\\.[\\w.]*?)\\.[A-Z]",
            Pattern.MULTILINE);

    @Test
    void packagesImportEachOtherWithoutCycles() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher p = PACKAGE.matcher(text);
                    if (!p.find()) {
                        continue;
                    }
                    Set<String> to = imports.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                    Matcher i = IMPORT.matcher(text);
                    while (i.find()) {
                        if (!i.group(1).equals(p.group(1))) {
                            to.add(i.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(imports.size() >= 10, "expected the project's packages, found " + imports.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : imports.keySet()) {
            List<String> path = pathBack(imports, start);
            if (path != null) {
                cycles.add(String.join(" → ", path));
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    /** A path of imports from {@code start} back to itself, or null. */
    private static List<String> pathBack(Map<String, Set<String>> imports, String start) {
        Deque<List<String>> open = new ArrayDeque<>();
        open.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!open.isEmpty()) {
            List<String> path = open.poll();
            for (String next : imports.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    open.add(longer);
                }
            }
        }
        return null;
    }
}
