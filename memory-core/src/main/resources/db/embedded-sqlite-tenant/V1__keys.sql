-- Engram tenant directory on SQLite (its own file, directory.db), version 1: projects and API keys.
-- A key is stored as the SHA-256 of its full text plus a short visible prefix; the key itself is never stored.
-- Key ids are UUID text; instants are epoch milliseconds (JDBC timestamps as sqlite-jdbc stores them).

CREATE TABLE projects (
    org_id      TEXT    NOT NULL,
    project_id  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    CONSTRAINT pk_projects PRIMARY KEY (org_id, project_id)
);

CREATE TABLE api_keys (
    id           TEXT    NOT NULL,
    org_id       TEXT    NOT NULL,
    project_id   TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    key_hash     TEXT    NOT NULL,
    scopes       TEXT    NOT NULL,
    user_email   TEXT,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER,
    CONSTRAINT pk_api_keys PRIMARY KEY (id),
    CONSTRAINT uq_api_keys_hash UNIQUE (key_hash),
    CONSTRAINT fk_api_keys_project FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id)
);

CREATE INDEX ix_api_keys_project ON api_keys (org_id, project_id);
