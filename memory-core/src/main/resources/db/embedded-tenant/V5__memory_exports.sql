-- Engram tenant directory on H2 (the GATEWAY schema), version 5: memory export jobs (Mem0's /v1/exports/), each with
-- its request, its status and progress, and the finished export JSON in the row.

CREATE TABLE memory_exports (
    id            VARCHAR(36) NOT NULL,
    org_id        VARCHAR(128) NOT NULL,
    project_id    VARCHAR(128) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    filters       CHARACTER LARGE OBJECT NOT NULL,
    export_schema CHARACTER LARGE OBJECT NOT NULL,
    instructions  CHARACTER LARGE OBJECT,
    processed     INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    attempts      INTEGER NOT NULL,
    error         CHARACTER LARGE OBJECT,
    result        CHARACTER LARGE OBJECT,
    result_bytes  BIGINT,
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP(3) WITH TIME ZONE,
    heartbeat_at  TIMESTAMP(3) WITH TIME ZONE,
    finished_at   TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_memory_exports PRIMARY KEY (id)
);

CREATE INDEX ix_memory_exports_project ON memory_exports (org_id, project_id, created_at);
CREATE INDEX ix_memory_exports_status ON memory_exports (status, created_at);
