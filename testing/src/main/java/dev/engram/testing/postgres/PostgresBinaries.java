package dev.engram.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds Debian's PostgreSQL server binaries: the newest {@code /usr/lib/postgresql/<version>/bin} holding {@code initdb},
 * or the directory named by the system property {@value #OVERRIDE_PROPERTY}.
 */
final class PostgresBinaries {

    static final String OVERRIDE_PROPERTY = "engram.postgres.bin";
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    static Path locate() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override);
            if (!Files.isExecutable(dir.resolve("initdb"))) {
                throw new IllegalStateException("-D" + OVERRIDE_PROPERTY + "=" + dir + " holds no executable initdb");
            }
            return dir;
        }
        return newestDebianInstallation().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries not found: no " + DEBIAN_ROOT + "/<version>/bin/initdb. "
                        + "Install them with: apt-get install -y postgresql (or set -D" + OVERRIDE_PROPERTY
                        + " to a directory holding initdb and pg_ctl)"));
    }

    private static Optional<Path> newestDebianInstallation() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions
                    .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DEBIAN_ROOT, e);
        }
    }
}
