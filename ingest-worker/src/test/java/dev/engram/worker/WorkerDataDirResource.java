package dev.engram.worker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh data directory for the worker's embedded store, deleted after the run. */
public class WorkerDataDirResource implements QuarkusTestResourceLifecycleManager {

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("engram-worker-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("engram.data-dir", dir.toString(), "engram.kafka.poll-timeout", "200ms");
    }

    @Override
    public void stop() {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
