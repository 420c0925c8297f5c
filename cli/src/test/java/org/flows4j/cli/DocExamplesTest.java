package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Every Java example in README.md and docs/*.md is compiled and run, so the documentation cannot rot. Each
 * {@code ```java} block is one complete source file in the default package, as a user would paste it into a new
 * project: a class with a {@code main} (run, with the arguments of an {@code <!-- example-args: … -->} line just
 * before the block, if any), a contract test extending {@code BijectorContract} (run by jqwik, which must pass), or
 * a class that another block of the same document uses (compiled with it, and run through that block).
 */
class DocExamplesTest {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- example-args:(.*?)-->\\s*\\n)?```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("^(?:public )?(?:final )?class (\\w+)", Pattern.MULTILINE);

    @TempDir
    Path classes;

    /** One {@code ```java} block: where it is, its class name, its source and the arguments its main is run with. */
    record Example(Path document, int index, String className, String source, String[] args) {
        String where() {
            return document.getFileName() + " block " + index + " (" + className + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockInTheDocsCompilesAndRuns() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> documents = new ArrayList<>();
        documents.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        int total = 0;
        for (Path document : documents) {
            List<Example> examples = examples(document);
            total += examples.size();
            if (examples.isEmpty()) {
                continue;
            }
            Path out = Files.createDirectories(classes.resolve(document.getFileName().toString()));
            ClassLoader loader = compile(document, examples, out);
            for (Example e : examples) {
                boolean used = examples.stream().anyMatch(o -> o != e
                        && Pattern.compile("\\b" + e.className() + "\\b").matcher(o.source()).find());
                tests.add(DynamicTest.dynamicTest(e.where(), () -> run(e, loader, used)));
            }
        }
        assertTrue(total >= 5, "expected the README's and the guide's examples, found " + total + " blocks");
        return tests.stream();
    }

    private static List<Example> examples(Path document) throws IOException {
        String text = Files.readString(document);
        Matcher m = BLOCK.matcher(text);
        List<Example> out = new ArrayList<>();
        int index = 0;
        while (m.find()) {
            index++;
            String source = m.group(2);
            Matcher c = CLASS.matcher(source);
            if (!c.find()) {
                fail(document.getFileName() + " block " + index + ": expected a complete source file with a class, got:\n"
                        + source);
            }
            String[] args = m.group(1) == null ? new String[0] : m.group(1).trim().split("\\s+");
            out.add(new Example(document, index, c.group(1), source, args));
        }
        return out;
    }

    private static ClassLoader compile(Path document, List<Example> examples, Path out) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> sources = new ArrayList<>();
        for (Example e : examples) {
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + e.className() + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return e.source();
                }
            });
        }
        StringWriter messages = new StringWriter();
        List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                "-Xlint:all", "-Werror", "-proc:none");
        boolean ok = compiler.getTask(messages, null, null, options, null, sources).call();
        assertTrue(ok, document.getFileName() + ": the examples do not compile:\n" + messages);
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, DocExamplesTest.class.getClassLoader());
    }

    private static void run(Example e, ClassLoader loader, boolean usedByAnother) throws Exception {
        Class<?> type = Class.forName(e.className(), true, loader);
        Method main = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("main") && Modifier.isStatic(m.getModifiers())).findFirst().orElse(null);
        if (main != null) {
            main.invoke(null, (Object) e.args());
            return;
        }
        boolean contract = false;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            contract |= c.getName().equals("org.flows4j.testkit.BijectorContract");
        }
        if (!contract) {
            assertTrue(usedByAnother, e.where() + ": expected a class with a main, a BijectorContract test or a class"
                    + " another block uses");
            return;
        }
        Events events = EngineTestKit.engine("jqwik").selectors(DiscoverySelectors.selectClass(type)).execute()
                .testEvents();
        assertEquals(0, events.failed().count(), e.where() + ": contract properties failed: "
                + events.failed().list());
        assertFalse(events.succeeded().list().isEmpty(), e.where() + ": no contract property ran");
    }
}
