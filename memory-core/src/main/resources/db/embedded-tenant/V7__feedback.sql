-- Engram tenant directory on H2 (the GATEWAY schema), version 7: the current feedback on each memory (Mem0's
-- POST /v1/feedback/), one row per memory that has feedback. The key leads with the project, so a project's feedback
-- is one range of it.

CREATE TABLE memory_feedback (
    org_id       VARCHAR(128)  NOT NULL,
    project_id   VARCHAR(128)  NOT NULL,
    memory_id    VARCHAR(36)   NOT NULL,
    feedback     VARCHAR(32)   NOT NULL,
    reason       VARCHAR(1000),
    submitted_by VARCHAR(256),
    submitted_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_memory_feedback PRIMARY KEY (org_id, project_id, memory_id)
);
