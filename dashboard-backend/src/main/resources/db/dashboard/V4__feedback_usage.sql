-- Engram dashboard schema, version 4: feedback submissions on memories (POST /v1/feedback/ answered < 400), counted per
-- project and hour by their value from the usage topic's request events (operation FEEDBACK_*). A submission of null
-- (the feedback cleared) is feedback_cleared.
ALTER TABLE usage_hourly ADD COLUMN feedback_positive      BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_hourly ADD COLUMN feedback_negative      BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_hourly ADD COLUMN feedback_very_negative BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_hourly ADD COLUMN feedback_cleared       BIGINT NOT NULL DEFAULT 0;
