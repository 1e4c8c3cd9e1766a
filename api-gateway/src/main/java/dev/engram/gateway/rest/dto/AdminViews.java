package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.gateway.service.WireValues;

import java.util.List;

/** Response bodies of the administration API ({@code /api/v1/admin/}). */
public final class AdminViews {
    private AdminViews() {
    }

    /** A project with its stored defaults. */
    public record ProjectView(String orgId, String projectId, String name, String createdAt, ProjectDefaultsView defaults) {

        public static ProjectView of(Project p) {
            return new ProjectView(p.tenant().orgId(), p.tenant().projectId(), p.name(), WireValues.format(p.createdAt()),
                    ProjectDefaultsView.of(p.defaults()));
        }
    }

    /**
     * An API key: its prefix and metadata; {@code default_user_id} the user its MCP tool calls fall back to; the key text
     * itself ({@code key}) only in the answer to its creation.
     */
    public record KeyView(String id, String orgId, String projectId, String name, String prefix, List<String> scopes, String userEmail,
                          String defaultUserId, String createdAt, String lastUsedAt, String revokedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

        public static KeyView of(ApiKey k, String keyText) {
            return new KeyView(k.id().toString(), k.tenant().orgId(), k.tenant().projectId(), k.name(), k.prefix(),
                    k.scopes().stream().sorted().map(KeyScope::wireName).toList(), k.userEmail(), k.defaultUserId(), WireValues.format(k.createdAt()),
                    WireValues.format(k.lastUsedAt()), WireValues.format(k.revokedAt()), keyText);
        }
    }

    /** The configured LLM profiles a project's {@code llm_profile} may name. */
    public record LlmProfilesView(List<String> profiles) {
    }

    /** A deleted project: how many keys were revoked and ingest events erased. */
    public record DeletedProjectView(String message, int revokedKeys, int erasedEvents) {
    }

    /** A rebuilt index: how many tenants and memories it covered. */
    public record ReindexView(String message, int tenants, int memories) {
    }

    /** One project's store compared with its index, and what was repaired. */
    public record ConsistencyView(String orgId, String projectId, long storeMemories, long indexEntries, int missingFromIndex,
                                  int orphansInIndex, int staleInIndex, int repaired, boolean consistent) {
    }
}
