-- Engram dashboard schema, version 1, for H2 (the standalone dashboard, profile "standalone"). Mirrors
-- db/dashboard/V1__organisations_members_settings.sql, the PostgreSQL script: same tables, columns, keys and checks, and
-- the same version numbers. Change both together. Differences, all forced by H2:
--  - TEXT is CHARACTER VARYING (H2's TEXT is a CLOB, which Hibernate's validation refuses for a String column; H2's limit
--    is 1,000,000 characters);
--  - H2 has no partial indexes: the "one pending invitation per address and organisation" index is a unique constraint
--    on a generated column that holds the e-mail only while the invitation is pending (NULLs never collide);
--  - sign_up_lock: H2 has no advisory locks; UserStore locks its single row instead (SqlDialect.H2).
-- Flyway runs this in the schema DASHBOARD (quarkus.flyway.dashboard.schemas).

CREATE TABLE organisations (
    id          VARCHAR(128)                NOT NULL,
    name        VARCHAR(256)                NOT NULL,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_organisations PRIMARY KEY (id)
);

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
    id             UUID                        NOT NULL,
    org_id         VARCHAR(128)                NOT NULL,
    email          VARCHAR(320)                NOT NULL,
    role           VARCHAR(16)                 NOT NULL,
    invited_by     VARCHAR(255)                NOT NULL,
    created_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    accepted_at    TIMESTAMP(3) WITH TIME ZONE,
    -- Not mapped: the e-mail while pending, else NULL (PostgreSQL: the partial index uq_invitations_pending).
    pending_email  VARCHAR(320) GENERATED ALWAYS AS (CASE WHEN accepted_at IS NULL THEN email END),
    CONSTRAINT pk_invitations PRIMARY KEY (id),
    CONSTRAINT fk_invitations_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
    CONSTRAINT ck_invitations_role CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'READER')),
    CONSTRAINT ck_invitations_email_lower CHECK (email = LOWER(email)),
    CONSTRAINT uq_invitations_pending UNIQUE (org_id, pending_email)
);

-- PostgreSQL indexes only the pending rows; here every row (an index is no guarantee, only speed).
CREATE INDEX ix_invitations_email ON invitations (email);

CREATE TABLE project_settings (
    org_id                   VARCHAR(128)                NOT NULL,
    project_id               VARCHAR(128)                NOT NULL,
    custom_instructions      CHARACTER VARYING,
    categories               CHARACTER VARYING           NOT NULL,
    extraction_mode          VARCHAR(16)                 NOT NULL,
    llm_provider             VARCHAR(64),
    llm_model                VARCHAR(128),
    default_expiration_days  INTEGER,
    webhooks                 CHARACTER VARYING           NOT NULL,
    updated_at               TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    deleted_at               TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_project_settings PRIMARY KEY (org_id, project_id),
    CONSTRAINT fk_project_settings_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
    CONSTRAINT ck_project_settings_mode CHECK (extraction_mode IN ('OFFLINE', 'LLM'))
);

-- H2 only: the row UserStore.lockSubject locks (SELECT ... FOR UPDATE) to serialise sign-ups, where PostgreSQL takes a
-- transaction-scoped advisory lock per subject. One process owns the H2 file, and sign-ups are rare.
CREATE TABLE sign_up_lock (
    id  INTEGER NOT NULL,
    CONSTRAINT pk_sign_up_lock PRIMARY KEY (id),
    CONSTRAINT ck_sign_up_lock_one_row CHECK (id = 1)
);
INSERT INTO sign_up_lock (id) VALUES (1);
