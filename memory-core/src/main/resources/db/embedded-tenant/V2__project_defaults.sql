-- Engram api-gateway schema (the GATEWAY schema of the platform database), version 2: a project's defaults for its
-- adds (custom instructions, categories, expiration, offline-only extraction) as JSON text; NULL = none.

ALTER TABLE projects ADD COLUMN defaults CHARACTER LARGE OBJECT;
ALTER TABLE projects ADD COLUMN defaults_updated_at TIMESTAMP(3) WITH TIME ZONE;
