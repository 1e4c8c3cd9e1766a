-- Engram dashboard schema, version 1. Lives in the schema "dashboard" with its own Flyway history
-- (dashboard.flyway_schema_history), apart from the platform's tables (projects, api_keys, memories) and their history,
-- which the gateway and the worker validate. Projects themselves are the platform's (public.projects): the tables here
-- refer to them by (org_id, project_id) without a foreign key, since the two schemas migrate independently.

CREATE TABLE organisations (
    id          VARCHAR(128)                NOT NULL,
    name        VARCHAR(256)                NOT NULL,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_organisations PRIMARY KEY (id)
);

-- A person known to the dashboard: created at their first authenticated request (sign-up).
CREATE TABLE users (
    subject       VARCHAR(255)                NOT NULL,
    email         VARCHAR(320),
    display_name  VARCHAR(256),
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (subject)
);

CREATE TABLE memberships (
    id            UUID                        NOT NULL,
    org_id        VARCHAR(128)                NOT NULL,
    subject       VARCHAR(255)                NOT NULL,
    email         VARCHAR(320),
    display_name  VARCHAR(256),
    role          VARCHAR(16)                 NOT NULL,
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_memberships PRIMARY KEY (id),
    CONSTRAINT uq_memberships_org_subject UNIQUE (org_id, subject),
    CONSTRAINT fk_memberships_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
    CONSTRAINT ck_memberships_role CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'READER'))
);

CREATE INDEX ix_memberships_subject ON memberships (subject);

CREATE TABLE invitations (
    id           UUID                        NOT NULL,
    org_id       VARCHAR(128)                NOT NULL,
    email        VARCHAR(320)                NOT NULL,
    role         VARCHAR(16)                 NOT NULL,
    invited_by   VARCHAR(255)                NOT NULL,
    created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    accepted_at  TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_invitations PRIMARY KEY (id),
    CONSTRAINT fk_invitations_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
    CONSTRAINT ck_invitations_role CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'READER')),
    CONSTRAINT ck_invitations_email_lower CHECK (email = LOWER(email))
);

-- At most one pending invitation per address and organisation.
CREATE UNIQUE INDEX uq_invitations_pending ON invitations (org_id, email) WHERE accepted_at IS NULL;
CREATE INDEX ix_invitations_email ON invitations (email) WHERE accepted_at IS NULL;

-- Per-project settings; a row also marks a project deleted through the dashboard (its keys are revoked, the platform's
-- project row stays so its memories keep their tenant).
CREATE TABLE project_settings (
    org_id                   VARCHAR(128)                NOT NULL,
    project_id               VARCHAR(128)                NOT NULL,
    custom_instructions      TEXT,
    categories               TEXT                        NOT NULL,
    extraction_mode          VARCHAR(16)                 NOT NULL,
    llm_provider             VARCHAR(64),
    llm_model                VARCHAR(128),
    default_expiration_days  INTEGER,
    webhooks                 TEXT                        NOT NULL,
    updated_at               TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    deleted_at               TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_project_settings PRIMARY KEY (org_id, project_id),
    CONSTRAINT fk_project_settings_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
    CONSTRAINT ck_project_settings_mode CHECK (extraction_mode IN ('OFFLINE', 'LLM'))
);
