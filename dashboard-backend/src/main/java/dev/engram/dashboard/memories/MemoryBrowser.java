package dev.engram.dashboard.memories;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ValidationException;
import dev.engram.dashboard.gateway.GatewayClient;
import dev.engram.dashboard.gateway.GatewayUnavailableException;
import dev.engram.dashboard.service.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The console's memory browser: one project's end users, their memories (listed, searched, one with its sources and
 * history) and deletion. The project must be a live project of the organisation (else 404, like every project route);
 * the memories themselves come from the gateway's Mem0 API ({@link GatewayClient}), never from the stores directly.
 */
@ApplicationScoped
public class MemoryBrowser {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_TOP_K = 100;
    /** Entities are read in pages of the gateway's largest size, up to this many pages. */
    static final int ENTITY_PAGE_SIZE = 1000;
    static final int MAX_ENTITY_PAGES = 10;
    private static final int MAX_QUERY = 4096;

    private final ProjectService projects;
    private final GatewayClient gateway;

    MemoryBrowser(ProjectService projects, GatewayClient gateway) {
        this.projects = projects;
        this.gateway = gateway;
    }

    /** The project's end users, most recently changed first (at most {@value #ENTITY_PAGE_SIZE} × {@value #MAX_ENTITY_PAGES} entities are read). */
    public List<EndUser> users(String orgId, String projectId) {
        Tenant tenant = project(orgId, projectId);
        List<EndUser> users = new ArrayList<>();
        for (int page = 1; page <= MAX_ENTITY_PAGES; page++) {
            JsonNode answer = gateway.get(tenant, "v1/entities/?page=" + page + "&page_size=" + ENTITY_PAGE_SIZE);
            for (JsonNode e : answer.path("results")) {
                if (!"user".equals(GatewayJson.text(e, "type"))) continue;
                users.add(new EndUser(GatewayJson.text(e, "name"), e.path("total_memories").asLong(), GatewayJson.text(e, "created_at"),
                        GatewayJson.text(e, "updated_at")));
            }
            if (answer.path("next").isNull() || answer.path("next").isMissingNode()) break;
        }
        users.sort(Comparator.comparing(EndUser::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(EndUser::userId, Comparator.nullsLast(Comparator.naturalOrder())));
        return users;
    }

    /** One page (from 1) of the end user's memories, VERY_NEGATIVE ones included (with their feedback). */
    public BrowsedMemoryPage memories(String orgId, String projectId, String userId, Integer page, Integer pageSize) {
        String user = userId(userId);
        int p = page == null ? 1 : page;
        int size = pageSize == null ? 20 : pageSize;
        if (p < 1) throw new ValidationException("page must be 1 or more");
        if (size < 1 || size > MAX_PAGE_SIZE) throw new ValidationException("page_size must be between 1 and " + MAX_PAGE_SIZE);
        Tenant tenant = project(orgId, projectId);
        JsonNode answer = gateway.post(tenant, "v2/memories/?page=" + p + "&page_size=" + size, Map.of("filters", Map.of("user_id", user), "include_very_negative", true));
        List<BrowsedMemory> results = new ArrayList<>();
        answer.path("results").forEach(m -> results.add(BrowsedMemory.of(m)));
        return new BrowsedMemoryPage(answer.path("count").asLong(results.size()), p, size, List.copyOf(results));
    }

    /** The end user's memories most relevant to {@code query}, best first, each with its score; VERY_NEGATIVE ones included. */
    public List<BrowsedMemory> search(String orgId, String projectId, MemoryQuery q) {
        if (q == null) throw new ValidationException("The request body must be a JSON object with user_id and query");
        String user = userId(q.userId());
        if (q.query() == null || q.query().isBlank()) throw new ValidationException("query must not be empty");
        if (q.query().length() > MAX_QUERY) throw new ValidationException("query must be at most " + MAX_QUERY + " characters");
        int k = q.topK() == null ? 10 : q.topK();
        if (k < 1 || k > MAX_TOP_K) throw new ValidationException("top_k must be between 1 and " + MAX_TOP_K);
        Tenant tenant = project(orgId, projectId);
        JsonNode answer = gateway.post(tenant, "v2/memories/search/",
                Map.of("query", q.query().strip(), "filters", Map.of("user_id", user), "top_k", k, "include_very_negative", true));
        List<BrowsedMemory> results = new ArrayList<>();
        answer.forEach(m -> results.add(BrowsedMemory.of(m)));
        return results;
    }

    /** One memory with its sources; 404 when the project has no such memory. */
    public BrowsedMemory memory(String orgId, String projectId, String memoryId) {
        UUID id = memoryId(memoryId);
        return BrowsedMemory.of(gateway.get(project(orgId, projectId), "v1/memories/" + id + "/"));
    }

    /** The memory's changes, oldest first as the gateway records them. */
    public List<BrowsedHistoryEntry> history(String orgId, String projectId, String memoryId) {
        UUID id = memoryId(memoryId);
        JsonNode answer = gateway.get(project(orgId, projectId), "v1/memories/" + id + "/history/");
        List<BrowsedHistoryEntry> entries = new ArrayList<>();
        answer.forEach(h -> entries.add(BrowsedHistoryEntry.of(h)));
        return entries;
    }

    /** Deletes the memory (its history keeps a DELETE entry); 404 when the project has no such memory. */
    public void delete(String orgId, String projectId, String memoryId) {
        UUID id = memoryId(memoryId);
        gateway.delete(project(orgId, projectId), "v1/memories/" + id + "/");
    }

    /** The tenant of a live project of the organisation; 404 otherwise. */
    private Tenant project(String orgId, String projectId) {
        return projects.get(orgId, projectId).tenant();
    }

    private static String userId(String userId) {
        if (userId == null || userId.isBlank()) throw new ValidationException("user_id is required");
        String u = userId.strip();
        if (u.length() > 256 || u.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("user_id must be at most 256 characters without control characters");
        }
        return u;
    }

    /** Memory ids are UUIDs; parsing them also keeps anything else out of the gateway URL. */
    private static UUID memoryId(String memoryId) {
        try {
            return UUID.fromString(memoryId == null ? "" : memoryId.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("memory_id should be a valid UUID");
        }
    }
}
