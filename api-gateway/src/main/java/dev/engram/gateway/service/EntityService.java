package dev.engram.gateway.service;

import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.error.ValidationException;
import dev.engram.core.spi.MemoryStore;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The entities of a tenant (distinct user, agent, app and run ids of its active memories) and their deletion.
 *
 * <p>The listing is one aggregate query of the store ({@link MemoryStore#entities}): it reads no memory record.
 */
@ApplicationScoped
public class EntityService {

    /** One entity: its type (user, agent, app, run), its id, how many active memories name it, and their time span. */
    public record Entity(String type, String name, long memories, Instant firstCreated, Instant lastUpdated) {
    }

    private final CallerContext caller;
    private final MemoryStore store;
    private final MemoryService memories;

    EntityService(CallerContext caller, MemoryStore store, MemoryService memories) {
        this.memories = memories;
        this.caller = caller;
        this.store = store;
    }

    /** Every entity of the tenant, most recently updated first. */
    public List<Entity> entities() {
        List<Entity> out = new ArrayList<>();
        for (EntityCount e : store.entities(caller.tenant())) {
            out.add(new Entity(e.kind().name().toLowerCase(Locale.ROOT), e.id(), e.memories(), e.firstCreated(), e.lastUpdated()));
        }
        out.sort(Comparator.comparing(Entity::lastUpdated, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Entity::type).thenComparing(Entity::name));
        return out;
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
        return memories.deleteMatching(caller.tenant(), Filter.eq(field, name));
    }
}
