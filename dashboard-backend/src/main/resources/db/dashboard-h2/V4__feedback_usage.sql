-- Engram dashboard schema, version 4, for H2: feedback submissions per project and hour by value. Mirrors
-- db/dashboard/V4__feedback_usage.sql, the PostgreSQL script (see it for what the columns hold). Change both together.
ALTER TABLE usage_hourly ADD COLUMN feedback_positive      BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_hourly ADD COLUMN feedback_negative      BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_hourly ADD COLUMN feedback_very_negative BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_hourly ADD COLUMN feedback_cleared       BIGINT NOT NULL DEFAULT 0;
