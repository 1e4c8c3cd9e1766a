package dev.engram.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File chores the benchmarks share. */
public final class BenchFiles {

    private BenchFiles() {
    }

    /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of every regular file under {@code dir}, by the name of its top-level entry (a file or directory of {@code dir}). */
    public static Map<String, Long> sizesByEntry(Path dir) {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.filter(Files::isRegularFile).forEach(p -> {
                try {
                    sizes.merge(dir.relativize(p).getName(0).toString(), Files.size(p), Long::sum);
                } catch (IOException gone) {
                    // a file removed while walking (a WAL checkpoint, a Lucene merge): not counted
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sizes;
    }
}
