-- Engram tenant directory on H2 (the GATEWAY schema), version 6: user profiles (one row per user of a project: the
-- profile, its status and the memory changes counted since the last generation), profile generation jobs (idempotent
-- per project and key) and each project's profile settings.

CREATE TABLE user_profiles (
    org_id           VARCHAR(128) NOT NULL,
    project_id       VARCHAR(128) NOT NULL,
    user_id          VARCHAR(256) NOT NULL,
    profile          CHARACTER LARGE OBJECT NOT NULL,
    status           VARCHAR(32),
    error            CHARACTER LARGE OBJECT,
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
    entity_ids      CHARACTER LARGE OBJECT NOT NULL,
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
    user_schema       CHARACTER LARGE OBJECT,
    user_instructions CHARACTER LARGE OBJECT,
    updated_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_profile_settings PRIMARY KEY (org_id, project_id)
);
