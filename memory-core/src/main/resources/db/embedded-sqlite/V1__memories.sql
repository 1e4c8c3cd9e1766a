-- Engram embedded store on SQLite, schema version 1: memories and their history (the same tables as db/embedded/V1 on H2).
-- Every table is keyed by tenant (org_id, project_id) first; JdbcMemoryStore scopes every statement to one tenant.
-- Compact values (SqlDialect.SQLITE): UUIDs as 16-byte blobs, instants as epoch milliseconds, dates as ISO text,
-- booleans as 0/1; metadata, categories and sources are JSON text.
-- No indexes on user_id/agent_id/run_id/app_id: the store looks memories up by id only (the vector index filters by scope).

CREATE TABLE memories (
    org_id          TEXT    NOT NULL,
    project_id      TEXT    NOT NULL,
    id              BLOB    NOT NULL,
    user_id         TEXT,
    agent_id        TEXT,
    run_id          TEXT,
    app_id          TEXT,
    text            TEXT,
    hash            TEXT,
    actor           TEXT,
    role            TEXT,
    metadata        TEXT,
    categories      TEXT,
    created_at      INTEGER,
    updated_at      INTEGER,
    event_time      INTEGER,
    expiration_date TEXT,
    immutable       INTEGER NOT NULL,
    state           TEXT    NOT NULL,
    replaced_by     BLOB,
    sources         TEXT,
    slot            TEXT,
    CONSTRAINT pk_memories PRIMARY KEY (org_id, project_id, id)
);

CREATE TABLE history (
    -- the rowid: insertion order, breaks ties between entries written in the same millisecond
    seq               INTEGER PRIMARY KEY,
    org_id            TEXT    NOT NULL,
    project_id        TEXT    NOT NULL,
    id                BLOB    NOT NULL,
    memory_id         BLOB    NOT NULL,
    event             TEXT    NOT NULL,
    old_text          TEXT,
    new_text          TEXT,
    actor             TEXT,
    role              TEXT,
    at                INTEGER NOT NULL,
    related_memory_id BLOB,
    event_id          TEXT,
    reason            TEXT,
    CONSTRAINT uq_history UNIQUE (org_id, project_id, id),
    -- a history entry belongs to a memory of its own tenant
    CONSTRAINT fk_history_memory FOREIGN KEY (org_id, project_id, memory_id) REFERENCES memories (org_id, project_id, id)
);

CREATE INDEX ix_history_memory ON history (org_id, project_id, memory_id, at);
