-- Engram embedded store on SQLite, schema version 2: ingest events (PENDING -> RUNNING -> SUCCEEDED | FAILED).
-- Keyed by tenant first like every table; JdbcEventStore scopes every statement to one tenant.
-- payload, results (the memory events) and token_usage are JSON text; instants are epoch milliseconds.

CREATE TABLE events (
    org_id        TEXT    NOT NULL,
    project_id    TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    event_type    TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    payload       TEXT,
    results       TEXT,
    token_usage   TEXT,
    attempts      INTEGER NOT NULL,
    error_message TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    started_at    INTEGER,
    completed_at  INTEGER,
    CONSTRAINT pk_events PRIMARY KEY (org_id, project_id, id)
);

CREATE INDEX ix_events_created ON events (org_id, project_id, created_at DESC, id);
