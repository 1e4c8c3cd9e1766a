-- Engram PostgreSQL schema, version 3: a project's defaults for its adds (custom instructions, categories, expiration,
-- offline-only extraction) as JSON text, set from the console's project settings; NULL = none.

ALTER TABLE projects ADD COLUMN defaults TEXT;
ALTER TABLE projects ADD COLUMN defaults_updated_at TIMESTAMP(3) WITH TIME ZONE;
