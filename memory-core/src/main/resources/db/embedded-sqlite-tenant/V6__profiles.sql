-- Engram tenant directory on SQLite, version 6: user profiles (one row per user of a project: the profile, its status
-- and the memory changes counted since the last generation), profile generation jobs (idempotent per project and key)
-- and each project's profile settings. Ids are UUID text; instants epoch milliseconds.

CREATE TABLE user_profiles (
    org_id           TEXT    NOT NULL,
    project_id       TEXT    NOT NULL,
    user_id          TEXT    NOT NULL,
    profile          TEXT    NOT NULL,
    status           TEXT,
    error            TEXT,
    generation_count INTEGER NOT NULL,
    changes          INTEGER NOT NULL,
    updated_at       INTEGER,
    CONSTRAINT pk_user_profiles PRIMARY KEY (org_id, project_id, user_id)
);

CREATE TABLE profile_jobs (
    id              TEXT    NOT NULL,
    org_id          TEXT    NOT NULL,
    project_id      TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    operation       TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    entity_ids      TEXT    NOT NULL,
    total           INTEGER NOT NULL,
    succeeded       INTEGER NOT NULL,
    failed          INTEGER NOT NULL,
    skipped         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CONSTRAINT pk_profile_jobs PRIMARY KEY (id),
    CONSTRAINT uq_profile_jobs_key UNIQUE (org_id, project_id, idempotency_key)
);

CREATE INDEX ix_profile_jobs_status ON profile_jobs (status, created_at);

CREATE TABLE profile_settings (
    org_id            TEXT    NOT NULL,
    project_id        TEXT    NOT NULL,
    enabled           INTEGER NOT NULL,
    user_schema       TEXT,
    user_instructions TEXT,
    updated_at        INTEGER NOT NULL,
    CONSTRAINT pk_profile_settings PRIMARY KEY (org_id, project_id)
);
