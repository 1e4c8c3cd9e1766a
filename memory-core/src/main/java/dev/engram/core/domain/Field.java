package dev.engram.core.domain;

import java.util.Objects;

/**
 * A filterable attribute of a memory. {@code METADATA} fields carry the metadata key (a top-level key of the memory's
 * metadata object). {@code STATE} is internal: clients cannot name it, the engine adds it.
 */
public record Field(Kind kind, String metadataKey) {

    public enum Kind {
        USER_ID, AGENT_ID, APP_ID, RUN_ID,
        /** The memory's id (Mem0's {@code memory_ids}). */
        MEMORY_ID,
        CREATED_AT, UPDATED_AT,
        /** When the fact happened; falls back to created_at when unknown (Mem0's {@code timestamp}). */
        EVENT_TIME,
        EXPIRATION_DATE,
        /** The memory's text (Mem0's {@code text}, {@code keywords}). */
        TEXT,
        CATEGORIES,
        METADATA,
        /** Internal: lifecycle state (ACTIVE, SUPERSEDED, DELETED, EVIDENCE) as its name. */
        STATE,
        /** Internal: the actor (speaker) the memory is attributed to (Mem0's {@code actor_id}). */
        ACTOR,
        /** Internal: the "subject|attribute" slot used to find contradictions; clients cannot name it. */
        SLOT
    }

    public static final Field USER_ID = new Field(Kind.USER_ID, null);
    public static final Field AGENT_ID = new Field(Kind.AGENT_ID, null);
    public static final Field APP_ID = new Field(Kind.APP_ID, null);
    public static final Field RUN_ID = new Field(Kind.RUN_ID, null);
    public static final Field MEMORY_ID = new Field(Kind.MEMORY_ID, null);
    public static final Field CREATED_AT = new Field(Kind.CREATED_AT, null);
    public static final Field UPDATED_AT = new Field(Kind.UPDATED_AT, null);
    public static final Field EVENT_TIME = new Field(Kind.EVENT_TIME, null);
    public static final Field EXPIRATION_DATE = new Field(Kind.EXPIRATION_DATE, null);
    public static final Field TEXT = new Field(Kind.TEXT, null);
    public static final Field CATEGORIES = new Field(Kind.CATEGORIES, null);
    public static final Field STATE = new Field(Kind.STATE, null);
    public static final Field ACTOR = new Field(Kind.ACTOR, null);
    public static final Field SLOT = new Field(Kind.SLOT, null);

    public Field {
        Objects.requireNonNull(kind);
        if ((kind == Kind.METADATA) != (metadataKey != null)) {
            throw new IllegalArgumentException("metadataKey is required for METADATA fields and only for them");
        }
    }

    public static Field metadata(String key) {
        return new Field(Kind.METADATA, key);
    }

    public boolean isEntityId() {
        return kind == Kind.USER_ID || kind == Kind.AGENT_ID || kind == Kind.APP_ID || kind == Kind.RUN_ID;
    }

    public boolean isTime() {
        return kind == Kind.CREATED_AT || kind == Kind.UPDATED_AT || kind == Kind.EVENT_TIME || kind == Kind.EXPIRATION_DATE;
    }

    /** The Mem0 wire name of the field. */
    public String wireName() {
        return switch (kind) {
            case USER_ID -> "user_id";
            case AGENT_ID -> "agent_id";
            case APP_ID -> "app_id";
            case RUN_ID -> "run_id";
            case MEMORY_ID -> "memory_ids";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
            case EVENT_TIME -> "timestamp";
            case EXPIRATION_DATE -> "expiration_date";
            case TEXT -> "text";
            case CATEGORIES -> "categories";
            case METADATA -> "metadata." + metadataKey;
            case STATE -> "state";
            case ACTOR -> "actor_id";
            case SLOT -> "slot";
        };
    }

    @Override
    public String toString() {
        return wireName();
    }
}
