-- Engram dashboard schema, version 2: usage analytics. Rolled up from the usage topic (engram.usage.v1) by
-- dev.engram.dashboard.analytics.UsageRollup, per project and UTC hour; days are aggregated from hours at query time.
-- Projects are referred to by (org_id, project_id) like the other dashboard tables (no foreign key: the platform's
-- projects live in the other schema).

-- Sums per project and hour.
CREATE TABLE usage_hourly (
    org_id                 VARCHAR(128)                NOT NULL,
    project_id             VARCHAR(128)                NOT NULL,
    bucket                 TIMESTAMP(0) WITH TIME ZONE NOT NULL, -- start of the UTC hour
    requests               BIGINT                      NOT NULL DEFAULT 0,
    errors                 BIGINT                      NOT NULL DEFAULT 0, -- requests answered with a status >= 400
    adds                   BIGINT                      NOT NULL DEFAULT 0, -- add requests answered < 400
    searches               BIGINT                      NOT NULL DEFAULT 0, -- search requests answered < 400
    memories_created       BIGINT                      NOT NULL DEFAULT 0,
    memories_updated       BIGINT                      NOT NULL DEFAULT 0,
    memories_superseded    BIGINT                      NOT NULL DEFAULT 0,
    memories_deleted       BIGINT                      NOT NULL DEFAULT 0,
    llm_prompt_tokens      BIGINT                      NOT NULL DEFAULT 0,
    llm_completion_tokens  BIGINT                      NOT NULL DEFAULT 0,
    context_tokens         BIGINT                      NOT NULL DEFAULT 0, -- tokens of the memories searches returned
    raw_tokens             BIGINT                      NOT NULL DEFAULT 0, -- tokens of the conversations adds were given
    CONSTRAINT pk_usage_hourly PRIMARY KEY (org_id, project_id, bucket)
);

-- The distinct end users (Mem0 user_id) seen per project and hour, as SHA-256 digests of the id: any window's distinct
-- count is exact (count(DISTINCT user_hash)), and the ids themselves are not kept here.
CREATE TABLE usage_hourly_users (
    org_id      VARCHAR(128)                NOT NULL,
    project_id  VARCHAR(128)                NOT NULL,
    bucket      TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    user_hash   BYTEA                       NOT NULL,
    CONSTRAINT pk_usage_hourly_users PRIMARY KEY (org_id, project_id, bucket, user_hash)
);

-- Latency histograms per project, hour and route template: one row per non-empty bucket of LatencyBuckets, whose upper
-- bound (ms, inclusive) is le_ms. Summing rows over any window gives that window's histogram, so p50/p95 are exact to
-- the bucket's bound.
CREATE TABLE usage_route_latency (
    org_id      VARCHAR(128)                NOT NULL,
    project_id  VARCHAR(128)                NOT NULL,
    bucket      TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    route       VARCHAR(256)                NOT NULL,
    le_ms       INTEGER                     NOT NULL,
    requests    BIGINT                      NOT NULL,
    CONSTRAINT pk_usage_route_latency PRIMARY KEY (org_id, project_id, bucket, route, le_ms)
);

-- The last usage-topic offset rolled up per partition, written in the transaction of the rows above: a redelivered
-- record (a crash between that commit and Kafka's offset commit, a rebalance, a reset group) is recognised and skipped.
CREATE TABLE usage_offsets (
    consumer_group  VARCHAR(255) NOT NULL,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    last_offset     BIGINT       NOT NULL,
    CONSTRAINT pk_usage_offsets PRIMARY KEY (consumer_group, topic, kafka_partition)
);
