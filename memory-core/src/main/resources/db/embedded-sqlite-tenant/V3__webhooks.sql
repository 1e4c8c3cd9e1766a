-- Engram tenant directory on SQLite, version 3: a project's webhooks and the outbox of their deliveries (one row per
-- memory event and webhook, retried until delivered or out of attempts). Ids are UUID text; instants epoch milliseconds.

CREATE TABLE webhooks (
    id          TEXT    NOT NULL,
    org_id      TEXT    NOT NULL,
    project_id  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    url         TEXT    NOT NULL,
    secret      TEXT    NOT NULL,
    event_types TEXT    NOT NULL,
    is_active   INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CONSTRAINT pk_webhooks PRIMARY KEY (id)
);

CREATE INDEX ix_webhooks_project ON webhooks (org_id, project_id);

CREATE TABLE webhook_deliveries (
    id               TEXT    NOT NULL,
    webhook_id       TEXT    NOT NULL,
    org_id           TEXT    NOT NULL,
    project_id       TEXT    NOT NULL,
    event            TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  INTEGER,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id)
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);
