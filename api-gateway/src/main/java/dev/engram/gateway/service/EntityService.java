package dev.engram.gateway.service;

import dev.engram.core.domain.MemoryState;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.ValidationException;
import dev.engram.core.filter.Field;
import dev.engram.core.filter.Filter;
import dev.engram.core.spi.MemoryStore;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entities of a tenant (distinct user, agent, app and run ids of its active memories) and their deletion.
 *
 * <p>The listing derives entities from the memories themselves by reading the tenant's records once per call (the store
 * keeps no entity table); fine for the standalone platform's sizes, and the place to swap in an index facet later.
 */
@ApplicationScoped
public class EntityService {

    /** One entity: its type (user, agent, app, run), its id, how many active memories name it, and their time span. */
    public record Entity(String type, String name, long memories, Instant firstCreated, Instant lastUpdated) {
    }

    private final CallerContext caller;
    private final MemoryStore store;
    private final MemoryEngine engine;

    EntityService(CallerContext caller, MemoryStore store, MemoryEngine engine) {
        this.caller = caller;
        this.store = store;
        this.engine = engine;
    }

    /** Every entity of the tenant, most recently updated first. */
    public List<Entity> entities() {
        Map<String, Entity> byKey = new HashMap<>();
        store.scan(caller.tenant(), m -> {
            if (m.state() != MemoryState.ACTIVE) return;
            count(byKey, "user", m.scope().userId(), m.createdAt(), m.updatedAt());
            count(byKey, "agent", m.scope().agentId(), m.createdAt(), m.updatedAt());
            count(byKey, "app", m.scope().appId(), m.createdAt(), m.updatedAt());
            count(byKey, "run", m.scope().runId(), m.createdAt(), m.updatedAt());
        });
        List<Entity> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(Entity::lastUpdated, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Entity::type).thenComparing(Entity::name));
        return out;
    }

    private static void count(Map<String, Entity> byKey, String type, String name, Instant created, Instant updated) {
        if (name == null) return;
        byKey.merge(type + "\u0000" + name, new Entity(type, name, 1, created, updated), (a, b) -> new Entity(type, name, a.memories() + 1,
                min(a.firstCreated(), b.firstCreated()), max(a.lastUpdated(), b.lastUpdated())));
    }

    /** Deletes every memory of the entity; returns how many. */
    public int delete(String type, String name) {
        Field field = switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
            case "user" -> Field.USER_ID;
            case "agent" -> Field.AGENT_ID;
            case "app" -> Field.APP_ID;
            case "run" -> Field.RUN_ID;
            default -> throw new ValidationException("Invalid entity type");
        };
        if (name == null || name.isBlank()) throw new ValidationException("The entity name must not be empty");
        return engine.deleteAll(caller.tenant(), Filter.eq(field, name));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
