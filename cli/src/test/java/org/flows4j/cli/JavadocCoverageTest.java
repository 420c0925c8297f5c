package org.flows4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The documentation rule, enforced: every public type, constructor, method and field in the main sources of every
 * module has a Javadoc comment (overrides inherit theirs, enum constants and record components are described by
 * their type), and every package has a {@code package-info.java}. The sources are parsed with the JDK's compiler API.
 */
class JavadocCoverageTest {
    private static final List<String> MODULES = List.of("core", "bijectors", "training", "cli");

    @Test
    void everyPublicTypeAndMemberIsDocumented() throws IOException {
        List<Path> sources = sources();
        assertTrue(sources.size() > 50, "expected the project's sources, found " + sources.size() + " files");
        List<String> missing = new ArrayList<>();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(docs, unit, missing).scan(unit, null);
            }
        }
        assertEquals(List.of(), missing, missing.size() + " public declarations without a Javadoc comment");
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path source : sources()) {
            Path info = source.resolveSibling("package-info.java");
            String name = info.toString();
            if (!Files.isRegularFile(info) && !missing.contains(name)) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    private static List<Path> sources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> walk = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** Collects the public declarations of one file that have no doc comment. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final CompilationUnitTree unit;
        private final List<String> missing;

        Scanner(DocTrees docs, CompilationUnitTree unit, List<String> missing) {
            this.docs = docs;
            this.unit = unit;
            this.missing = missing;
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            if (!exported(getCurrentPath())) {
                return null;
            }
            check(node.getSimpleName().toString());
            return super.visitClass(node, unused);
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            if (exported(getCurrentPath()) && !overrides(node.getModifiers()) && !generated(node)) {
                String name = node.getName().contentEquals("<init>") ? "constructor" : node.getName().toString();
                check(name + "()");
            }
            return null;
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            if (parent instanceof ClassTree c && exported(getCurrentPath()) && !enumConstant(c, node)) {
                check(node.getName().toString());
            }
            return null;
        }

        private void check(String what) {
            if (docs.getDocComment(getCurrentPath()) == null) {
                long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit,
                        getCurrentPath().getLeaf()));
                missing.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + " " + what);
            }
        }

        /** Public (or implicitly public inside an interface), inside types that are all public themselves. */
        private static boolean exported(TreePath path) {
            for (TreePath p = path; p != null && !(p.getLeaf() instanceof CompilationUnitTree); p = p.getParentPath()) {
                Tree leaf = p.getLeaf();
                ModifiersTree mods = leaf instanceof ClassTree c ? c.getModifiers()
                        : leaf instanceof MethodTree m ? m.getModifiers()
                        : leaf instanceof VariableTree v ? v.getModifiers() : null;
                if (mods == null) {
                    continue;
                }
                Tree enclosing = p.getParentPath().getLeaf();
                boolean inInterface = enclosing instanceof ClassTree c
                        && Set.of(Tree.Kind.INTERFACE, Tree.Kind.ANNOTATION_TYPE).contains(c.getKind());
                boolean isPublic = mods.getFlags().contains(Modifier.PUBLIC)
                        || (inInterface && !mods.getFlags().contains(Modifier.PRIVATE));
                if (!isPublic) {
                    return false;
                }
            }
            return true;
        }

        private static boolean overrides(ModifiersTree mods) {
            return mods.getAnnotations().stream().anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
        }

        private boolean generated(MethodTree node) {
            return docs.getSourcePositions().getStartPosition(unit, node) < 0;
        }

        private static boolean enumConstant(ClassTree owner, VariableTree node) {
            return owner.getKind() == Tree.Kind.ENUM && node.getInitializer() != null
                    && node.getInitializer().getKind() == Tree.Kind.NEW_CLASS
                    && node.getType().toString().equals(owner.getSimpleName().toString());
        }
    }
}
