-- Engram tenant directory on H2 (the GATEWAY schema), version 3: a project's webhooks and the outbox of their
-- deliveries (one row per memory event and webhook, retried until delivered or out of attempts).

CREATE TABLE webhooks (
    id          VARCHAR(36) NOT NULL,
    org_id      VARCHAR(128) NOT NULL,
    project_id  VARCHAR(128) NOT NULL,
    name        VARCHAR(256) NOT NULL,
    url         VARCHAR(2048) NOT NULL,
    secret      VARCHAR(128) NOT NULL,
    event_types VARCHAR(256) NOT NULL,
    is_active   INTEGER NOT NULL,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_webhooks PRIMARY KEY (id)
);

CREATE INDEX ix_webhooks_project ON webhooks (org_id, project_id);

CREATE TABLE webhook_deliveries (
    id               VARCHAR(36) NOT NULL,
    webhook_id       VARCHAR(36) NOT NULL,
    org_id           VARCHAR(128) NOT NULL,
    project_id       VARCHAR(128) NOT NULL,
    event            VARCHAR(256) NOT NULL,
    payload          CHARACTER LARGE OBJECT    NOT NULL,
    status           VARCHAR(256) NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP(3) WITH TIME ZONE,
    last_status_code INTEGER,
    last_error       CHARACTER LARGE OBJECT,
    created_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id)
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);
