package org.flows4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the provided tabular sets with a known density: {@code <root>/<name>/{train,valid,test}.csv.gz} and the
 * test split's true NLL from {@code <root>/truth.json}.
 */
public record TabularBenchmark(String name, Table train, Table valid, Table test, double trueTestNll,
                               double trueTestNllStderr) {

    /**
     * Where the sets live by default: {@code shared/data/tabular} beside the checkout, found by walking up from the
     * working directory (so it resolves from the repository root and from a module folder alike).
     */
    public static Path defaultRoot() {
        Path relative = Path.of("shared", "data", "tabular");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling(relative.toString());
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("..").resolve(relative);
    }

    /** The set names listed in {@code truth.json}. */
    public static List<String> names(Path root) {
        JsonNode truth = truth(root);
        List<String> names = new ArrayList<>();
        truth.fieldNames().forEachRemaining(n -> {
            if (truth.get(n).isObject()) {
                names.add(n);
            }
        });
        return names.stream().sorted().toList();
    }

    /**
     * The set {@code name} under {@code root}: its three splits and its {@code test_true_nll} entry in
     * {@code truth.json} (the standard error is NaN when the entry has none).
     */
    public static TabularBenchmark load(Path root, String name) {
        JsonNode entry = truth(root).get(name);
        if (entry == null || !entry.has("test_true_nll")) {
            throw new DataFormatException(root.resolve("truth.json") + ": no entry with test_true_nll for '" + name + "'");
        }
        for (String key : new String[] {"test_true_nll", "test_true_nll_stderr"}) {
            if (entry.has(key) && !entry.get(key).isNumber()) {
                throw new DataFormatException(root.resolve("truth.json") + ": '" + name + "': expected " + key
                        + " to be a number, got " + entry.get(key));
            }
        }
        Path dir = root.resolve(name);
        return new TabularBenchmark(name, CsvTables.read(dir.resolve("train.csv.gz")),
                CsvTables.read(dir.resolve("valid.csv.gz")), CsvTables.read(dir.resolve("test.csv.gz")),
                entry.get("test_true_nll").asDouble(), entry.path("test_true_nll_stderr").asDouble(Double.NaN));
    }

    private static JsonNode truth(Path root) {
        Path file = root.resolve("truth.json");
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such file (the provided tabular sets are not here)");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DataFormatException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
