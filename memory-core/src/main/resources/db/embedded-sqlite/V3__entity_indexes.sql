-- Schema version 3: covering indexes for MemoryStore.entities (GET /v1/entities/), one per scope column. The grouped
-- count of a tenant's active memories per user, agent, app and run id reads these indexes only, never the rows (whose
-- text and metadata made the count read every page of the tenant's memories).

CREATE INDEX ix_memories_user_entities ON memories (org_id, project_id, user_id, state, created_at, updated_at);
CREATE INDEX ix_memories_agent_entities ON memories (org_id, project_id, agent_id, state, created_at, updated_at);
CREATE INDEX ix_memories_app_entities ON memories (org_id, project_id, app_id, state, created_at, updated_at);
CREATE INDEX ix_memories_run_entities ON memories (org_id, project_id, run_id, state, created_at, updated_at);
