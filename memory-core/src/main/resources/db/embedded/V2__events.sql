-- Engram embedded store, schema version 2: ingest events (PENDING -> RUNNING -> SUCCEEDED | FAILED).
-- Keyed by tenant first like every table; JdbcEventStore scopes every statement to one tenant.
-- results (the memory events) and token_usage are JSON text.

CREATE TABLE events (
    org_id        VARCHAR(128)                NOT NULL,
    project_id    VARCHAR(128)                NOT NULL,
    id            VARCHAR(256)                NOT NULL,
    event_type    VARCHAR(32)                 NOT NULL,
    status        VARCHAR(16)                 NOT NULL,
    payload       CHARACTER LARGE OBJECT,
    results       CHARACTER LARGE OBJECT,
    token_usage   VARCHAR,
    attempts      INT                         NOT NULL,
    error_message VARCHAR,
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP(3) WITH TIME ZONE,
    completed_at  TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_events PRIMARY KEY (org_id, project_id, id)
);

CREATE INDEX ix_events_created ON events (org_id, project_id, created_at DESC, id);
