-- Engram PostgreSQL schema, version 5: an API key's default user, the user_id MCP tools act for when neither the tool
-- call nor the connection names one; NULL = none.

ALTER TABLE api_keys ADD COLUMN default_user_id VARCHAR(256);
