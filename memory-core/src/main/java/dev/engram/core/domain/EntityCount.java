package dev.engram.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entity of a tenant, as {@link dev.engram.core.spi.MemoryStore#entities} aggregates it: a distinct user, agent, app
 * or run id of its active memories, how many active memories name it, and their time span.
 *
 * @param kind         which scope field the id is
 * @param id           the id
 * @param memories     active memories with this id
 * @param firstCreated the earliest {@code createdAt} among them (null when none has one)
 * @param lastUpdated  the latest {@code updatedAt} among them (null when none has one)
 */
public record EntityCount(Kind kind, String id, long memories, Instant firstCreated, Instant lastUpdated) {

    /** The scope fields an entity can be. */
    public enum Kind {
        USER, AGENT, APP, RUN
    }

    public EntityCount {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
