-- Engram tenant directory on SQLite, version 7: the current feedback on each memory (Mem0's POST /v1/feedback/), one
-- row per memory that has feedback. The key leads with the project, so a project's feedback is one range of it. Ids
-- are UUID text; instants epoch milliseconds.

CREATE TABLE memory_feedback (
    org_id       TEXT    NOT NULL,
    project_id   TEXT    NOT NULL,
    memory_id    TEXT    NOT NULL,
    feedback     TEXT    NOT NULL,
    reason       TEXT,
    submitted_by TEXT,
    submitted_at INTEGER NOT NULL,
    CONSTRAINT pk_memory_feedback PRIMARY KEY (org_id, project_id, memory_id)
);
