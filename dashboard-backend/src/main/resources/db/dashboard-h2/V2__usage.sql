-- Engram dashboard schema, version 2, for H2: usage analytics. Mirrors db/dashboard/V2__usage.sql, the PostgreSQL script
-- (see it for what the tables hold): same tables, columns and keys. Change both together. The one difference: BYTEA is
-- VARBINARY.

CREATE TABLE usage_hourly (
    org_id                 VARCHAR(128)                NOT NULL,
    project_id             VARCHAR(128)                NOT NULL,
    bucket                 TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    requests               BIGINT                      NOT NULL DEFAULT 0,
    errors                 BIGINT                      NOT NULL DEFAULT 0,
    adds                   BIGINT                      NOT NULL DEFAULT 0,
    searches               BIGINT                      NOT NULL DEFAULT 0,
    memories_created       BIGINT                      NOT NULL DEFAULT 0,
    memories_updated       BIGINT                      NOT NULL DEFAULT 0,
    memories_superseded    BIGINT                      NOT NULL DEFAULT 0,
    memories_deleted       BIGINT                      NOT NULL DEFAULT 0,
    llm_prompt_tokens      BIGINT                      NOT NULL DEFAULT 0,
    llm_completion_tokens  BIGINT                      NOT NULL DEFAULT 0,
    context_tokens         BIGINT                      NOT NULL DEFAULT 0,
    raw_tokens             BIGINT                      NOT NULL DEFAULT 0,
    CONSTRAINT pk_usage_hourly PRIMARY KEY (org_id, project_id, bucket)
);

CREATE TABLE usage_hourly_users (
    org_id      VARCHAR(128)                NOT NULL,
    project_id  VARCHAR(128)                NOT NULL,
    bucket      TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    user_hash   VARBINARY                   NOT NULL,
    CONSTRAINT pk_usage_hourly_users PRIMARY KEY (org_id, project_id, bucket, user_hash)
);

CREATE TABLE usage_route_latency (
    org_id      VARCHAR(128)                NOT NULL,
    project_id  VARCHAR(128)                NOT NULL,
    bucket      TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    route       VARCHAR(256)                NOT NULL,
    le_ms       INTEGER                     NOT NULL,
    requests    BIGINT                      NOT NULL,
    CONSTRAINT pk_usage_route_latency PRIMARY KEY (org_id, project_id, bucket, route, le_ms)
);

CREATE TABLE usage_offsets (
    consumer_group  VARCHAR(255) NOT NULL,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    last_offset     BIGINT       NOT NULL,
    CONSTRAINT pk_usage_offsets PRIMARY KEY (consumer_group, topic, kafka_partition)
);
