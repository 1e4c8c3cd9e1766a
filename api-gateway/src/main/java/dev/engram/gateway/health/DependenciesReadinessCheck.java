package dev.engram.gateway.health;

import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.IngestQueue;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ready when what the gateway writes through answers, besides the store ({@link EngineReadinessCheck}): the vector
 * index (Lucene or Qdrant: a count of one tenant's entries) and the ingest queue (the journal open and writing, or
 * Kafka answering the topic's metadata: {@link IngestQueue#unavailable}). Each probe is bounded by
 * {@value #TIMEOUT_MILLIS} ms and its result kept {@value #CACHE_MILLIS} ms ({@link CachedProbes}).
 */
@Readiness
@ApplicationScoped
public class DependenciesReadinessCheck implements HealthCheck {

    static final long TIMEOUT_MILLIS = 2_000;
    static final long CACHE_MILLIS = 5_000;
    private static final String NAME = "dependencies";

    private final CachedProbes probes;

    DependenciesReadinessCheck(MemoryEngine engine, IngestQueue queue) {
        Map<String, Supplier<Optional<String>>> all = new LinkedHashMap<>();
        all.put("index", () -> {
            engine.indexEntries(Tenant.DEFAULT);
            return Optional.empty();
        });
        all.put("ingest-queue", queue::unavailable);
        this.probes = new CachedProbes(all, Duration.ofMillis(TIMEOUT_MILLIS), Duration.ofMillis(CACHE_MILLIS), System::nanoTime);
    }

    @Override
    public HealthCheckResponse call() {
        return response(probes.results());
    }

    static HealthCheckResponse response(Map<String, Optional<String>> results) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).up();
        for (var r : results.entrySet()) {
            builder.withData(r.getKey(), r.getValue().orElse("UP"));
            if (r.getValue().isPresent()) builder.down();
        }
        return builder.build();
    }

    @PreDestroy
    void close() {
        probes.close();
    }
}
