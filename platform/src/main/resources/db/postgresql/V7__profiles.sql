-- Engram PostgreSQL schema, version 7: user profiles (one row per user of a project: the profile, its status and the
-- memory changes counted since the last generation), profile generation jobs (idempotent per project and key) and each
-- project's profile settings, written by the gateways (and counted by the ingest workers).

CREATE TABLE user_profiles (
    org_id           VARCHAR(128) NOT NULL,
    project_id       VARCHAR(128) NOT NULL,
    user_id          VARCHAR(256) NOT NULL,
    profile          TEXT NOT NULL,
    status           VARCHAR(32),
    error            TEXT,
    generation_count INTEGER NOT NULL,
    changes          INTEGER NOT NULL,
    updated_at       TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_user_profiles PRIMARY KEY (org_id, project_id, user_id)
);

CREATE TABLE profile_jobs (
    id              VARCHAR(36) NOT NULL,
    org_id          VARCHAR(128) NOT NULL,
    project_id      VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(256) NOT NULL,
    operation       VARCHAR(32) NOT NULL,
    status          VARCHAR(32) NOT NULL,
    entity_ids      TEXT NOT NULL,
    total           INTEGER NOT NULL,
    succeeded       INTEGER NOT NULL,
    failed          INTEGER NOT NULL,
    skipped         INTEGER NOT NULL,
    created_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_profile_jobs PRIMARY KEY (id),
    CONSTRAINT uq_profile_jobs_key UNIQUE (org_id, project_id, idempotency_key)
);

CREATE INDEX ix_profile_jobs_status ON profile_jobs (status, created_at);

CREATE TABLE profile_settings (
    org_id            VARCHAR(128) NOT NULL,
    project_id        VARCHAR(128) NOT NULL,
    enabled           INTEGER NOT NULL,
    user_schema       TEXT,
    user_instructions TEXT,
    updated_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_profile_settings PRIMARY KEY (org_id, project_id)
);
