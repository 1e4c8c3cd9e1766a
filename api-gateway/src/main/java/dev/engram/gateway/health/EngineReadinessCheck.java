package dev.engram.gateway.health;

import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.UUID;

/** Ready when the engine answers: a read of a random id goes through the store (an open engine answers "not found"). */
@Readiness
@ApplicationScoped
public class EngineReadinessCheck implements HealthCheck {

    private static final UUID PROBE = new UUID(0, 0);

    private final MemoryEngine engine;

    EngineReadinessCheck(MemoryEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            engine.get(Tenant.DEFAULT, PROBE);
            return HealthCheckResponse.up("memory-engine");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("memory-engine").down().withData("error", "the engine's store is not reachable").build();
        }
    }
}
