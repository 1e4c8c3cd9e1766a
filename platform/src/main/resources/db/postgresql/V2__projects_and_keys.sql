-- Engram PostgreSQL schema, version 2: the tenant directory, projects and API keys (shared by the api-gateway, which
-- authenticates with them, and the dashboard, which manages them). A key is stored as the SHA-256 of its full text plus
-- a short visible prefix; the key itself is never stored.

CREATE TABLE projects (
    org_id      VARCHAR(128)                NOT NULL,
    project_id  VARCHAR(128)                NOT NULL,
    name        VARCHAR(256)                NOT NULL,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_projects PRIMARY KEY (org_id, project_id)
);

CREATE TABLE api_keys (
    id           UUID                        NOT NULL,
    org_id       VARCHAR(128)                NOT NULL,
    project_id   VARCHAR(128)                NOT NULL,
    name         VARCHAR(256)                NOT NULL,
    prefix       VARCHAR(32)                 NOT NULL,
    key_hash     CHAR(64)                    NOT NULL,
    scopes       VARCHAR(64)                 NOT NULL,
    user_email   VARCHAR(320),
    created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(3) WITH TIME ZONE,
    revoked_at   TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_api_keys PRIMARY KEY (id),
    CONSTRAINT uq_api_keys_hash UNIQUE (key_hash),
    CONSTRAINT fk_api_keys_project FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id)
);

CREATE INDEX ix_api_keys_project ON api_keys (org_id, project_id);
