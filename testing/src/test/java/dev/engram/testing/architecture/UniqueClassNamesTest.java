package dev.engram.testing.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One meaning per class name (docs/architecture.md, dependency rules): no simple class name is defined twice across the
 * main code of every module, so a reader never has to check which {@code Caller} or {@code SqlDialect} a file means,
 * and a second copy of a shared class cannot hide under the same name. Reads the source tree, so it sees every module
 * at once. The client libraries under {@code clients/} are left out: they are stand-alone artifacts for other programs,
 * depend on no server module, and their types name the wire's objects ({@code Memory}, {@code SearchResult}) as their
 * users expect, not the server's classes.
 */
class UniqueClassNamesTest {

    @Test
    void noSimpleClassNameIsDefinedTwiceInMainCode() throws IOException {
        Map<String, List<Path>> byName = mainSources(repositoryRoot());
        assertTrue(byName.size() > 100, "found only " + byName.size() + " main classes: is the repository root right?");
        Map<String, List<Path>> twice = new TreeMap<>();
        byName.forEach((name, files) -> {
            if (files.size() > 1) twice.put(name, files);
        });
        assertEquals(Map.of(), twice, "class names defined more than once in main code: rename one of each");
    }

    @Test
    void aDuplicateIsFound(@org.junit.jupiter.api.io.TempDir Path root) throws IOException {
        for (String module : List.of("a", "b", "clients/c")) {
            String pkg = module.replace("clients/", "");
            Path dir = Files.createDirectories(root.resolve(module + "/src/main/java/x/" + pkg));
            Files.writeString(dir.resolve("Same.java"), "package x." + pkg + "; class Same {}");
            Files.writeString(dir.resolve("package-info.java"), "package x." + pkg + ";");
        }
        Map<String, List<Path>> byName = mainSources(root);
        assertEquals(List.of(Path.of("a/src/main/java/x/a/Same.java"), Path.of("b/src/main/java/x/b/Same.java")),
                byName.get("Same").stream().sorted().toList(), "the two modules' copies, and not the client library's");
        assertFalse(byName.containsKey("package-info"), "package-info is not a class");
    }

    /** Every main source file under {@code root}'s modules (any depth, so nested modules count), by simple name. */
    static Map<String, List<Path>> mainSources(Path root) throws IOException {
        Map<String, List<Path>> byName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/target/"))
                    .filter(p -> !root.relativize(p).startsWith("clients"))
                    .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                    .forEach(p -> byName.computeIfAbsent(p.getFileName().toString().replace(".java", ""), n -> new ArrayList<>())
                            .add(root.relativize(p)));
        }
        return byName;
    }

    /** The directory holding the root pom (the one with a {@code <modules>} list), walking up from the working directory. */
    private static Path repositoryRoot() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>memory-core</module>")) return p;
        }
        throw new IllegalStateException("no root pom.xml above " + Path.of("").toAbsolutePath());
    }
}
