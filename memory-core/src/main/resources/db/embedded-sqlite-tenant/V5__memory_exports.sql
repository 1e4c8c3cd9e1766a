-- Engram tenant directory on SQLite, version 5: memory export jobs (Mem0's /v1/exports/), each with its request, its
-- status and progress, and the finished export JSON in the row. Ids are UUID text; instants epoch milliseconds.

CREATE TABLE memory_exports (
    id           TEXT    NOT NULL,
    org_id       TEXT    NOT NULL,
    project_id   TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    filters      TEXT    NOT NULL,
    export_schema TEXT   NOT NULL,
    instructions TEXT,
    processed    INTEGER NOT NULL,
    total        INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    error        TEXT,
    result       TEXT,
    result_bytes INTEGER,
    created_at   INTEGER NOT NULL,
    started_at   INTEGER,
    heartbeat_at INTEGER,
    finished_at  INTEGER,
    CONSTRAINT pk_memory_exports PRIMARY KEY (id)
);

CREATE INDEX ix_memory_exports_project ON memory_exports (org_id, project_id, created_at);
CREATE INDEX ix_memory_exports_status ON memory_exports (status, created_at);
