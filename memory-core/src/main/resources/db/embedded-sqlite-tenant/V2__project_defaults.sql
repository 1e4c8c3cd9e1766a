-- Engram tenant directory on SQLite, version 2: a project's defaults for its adds (custom instructions, categories,
-- expiration, offline-only extraction) as JSON text; NULL = none.

ALTER TABLE projects ADD COLUMN defaults TEXT;
ALTER TABLE projects ADD COLUMN defaults_updated_at INTEGER;
