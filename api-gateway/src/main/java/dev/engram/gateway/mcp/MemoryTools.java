package dev.engram.gateway.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.security.CallerContext;
import dev.engram.gateway.service.AddCommand;
import dev.engram.gateway.service.EntityService;
import dev.engram.gateway.service.IngestService;
import dev.engram.gateway.service.MemoryEdit;
import dev.engram.gateway.service.MemoryService;
import dev.engram.gateway.service.ScopeFilters;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.engram.gateway.mcp.ToolSchemas.agentId;
import static dev.engram.gateway.mcp.ToolSchemas.bool;
import static dev.engram.gateway.mcp.ToolSchemas.integer;
import static dev.engram.gateway.mcp.ToolSchemas.maxTokens;
import static dev.engram.gateway.mcp.ToolSchemas.messages;
import static dev.engram.gateway.mcp.ToolSchemas.number;
import static dev.engram.gateway.mcp.ToolSchemas.object;
import static dev.engram.gateway.mcp.ToolSchemas.runId;
import static dev.engram.gateway.mcp.ToolSchemas.string;
import static dev.engram.gateway.mcp.ToolSchemas.stringEnum;
import static dev.engram.gateway.mcp.ToolSchemas.userId;

/**
 * The memory tools of the MCP server. Each one reads its arguments ({@link ToolArguments}), calls the same service as the
 * matching REST route ({@link MemoryService}, {@link IngestService}, {@link EntityService}), so the tenant comes from the
 * request's {@link CallerContext} and validation and limits are the REST API's, and answers compact JSON text
 * ({@link CompactResults}). Write tools need the key's {@code write} scope; the route itself needs {@code read}.
 */
@ApplicationScoped
class MemoryTools {

    /** One tool: its MCP definition, the scope it needs and what it does. */
    record Definition(McpSchema.Tool tool, KeyScope scope, Handler handler) {
    }

    @FunctionalInterface
    interface Handler {
        String call(ToolArguments args);
    }

    private static final Duration ADD_POLL = Duration.ofMillis(25);

    private final MemoryService memories;
    private final IngestService ingest;
    private final EntityService entities;
    private final ObjectMapper json;
    private final CompactResults compact;
    private final List<Definition> definitions;
    /** How long add_memory waits for a queued add to be processed before answering that it is still queued. */
    private final Duration addWait;

    MemoryTools(MemoryService memories, IngestService ingest, EntityService entities, ObjectMapper json, EngramConfig config) {
        this.addWait = config.mcp().addWait();
        this.memories = memories;
        this.ingest = ingest;
        this.entities = entities;
        this.json = json;
        this.compact = new CompactResults(json);
        this.definitions = List.of(addMemory(), searchMemories(), listMemories(), getMemory(), updateMemory(), deleteMemory(),
                deleteAllMemories(), listEntities());
    }

    List<Definition> definitions() {
        return definitions;
    }

    private static McpSchema.Tool tool(String name, String title, String description, Map<String, Object> schema, boolean readOnly,
                                       boolean destructive) {
        return McpSchema.Tool.builder().name(name).title(title).description(description).inputSchema(schema)
                .annotations(new McpSchema.ToolAnnotations(title, readOnly, destructive, !readOnly && destructive, false, null)).build();
    }

    private Definition define(McpSchema.Tool tool, KeyScope scope, Handler handler) {
        return new Definition(tool, scope, handler);
    }

    private Definition addMemory() {
        Map<String, Object> schema = object(List.of("messages"),
                messages("What to remember: a plain sentence, or the conversation turns to extract memories from."),
                userId(), agentId(), runId(),
                object("metadata", "Extra key/value data stored with the memories, e.g. {\"source\": \"chat\"}."),
                bool("infer", "true (default): extract and deduplicate facts from the messages. false: store each message verbatim.", true));
        return define(tool("add_memory", "Add memory",
                "Remember something about a user (or agent, or run) for later conversations: preferences, facts, decisions. "
                        + "Pass the text or the conversation; the server extracts the facts, merges them with what it already knows "
                        + "and answers the memories it added or updated. It waits up to " + addWait.toSeconds()
                        + " s for the add to be processed; if it answers status PENDING, the memories become searchable shortly after.",
                schema, false, false), KeyScope.WRITE, this::add);
    }

    private String add(ToolArguments args) {
        ObjectNode body = json.createObjectNode();
        Object messages = args.raw("messages");
        if (messages == null) throw new ValidationException("messages is required: a string, or a list of {role, content} turns");
        body.set("messages", json.valueToTree(messages));
        args.entityIds(true).forEach(body::put);
        if (args.has("metadata")) body.set("metadata", json.valueToTree(args.object("metadata")));
        body.put("infer", args.bool("infer", true));
        AddCommand command = ingest.read(body, false);
        IngestService.Accepted accepted = ingest.add(command);
        if (!accepted.queued()) return added("SUCCEEDED", accepted.eventId(), accepted.result().events());
        EventRecord event = awaitProcessed(accepted.eventId());
        if (event == null) {
            return compact.write(Map.of("status", "PENDING", "event_id", accepted.eventId(),
                    "message", "The add is queued and still being processed; its memories become searchable once it completes."));
        }
        if (event.status() == EventStatus.FAILED) {
            throw new ValidationException("The add failed: " + (event.error() == null ? "no reason was recorded" : event.error()));
        }
        return added(event.status().name(), event.id(), event.results());
    }

    /** The event once processed (SUCCEEDED or FAILED), or null when {@link #addWait} passed first. */
    private EventRecord awaitProcessed(String eventId) {
        long deadline = System.nanoTime() + addWait.toNanos();
        while (true) {
            try {
                EventRecord e = ingest.event(eventId);
                if (e.status() == EventStatus.SUCCEEDED || e.status() == EventStatus.FAILED) return e;
            } catch (NotFoundException notYetRecorded) {
                // the PENDING record is written beside the enqueue; the processor records it otherwise
            }
            if (System.nanoTime() > deadline) return null;
            try {
                Thread.sleep(ADD_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private String added(String status, String eventId, List<MemoryEvent> events) {
        List<Map<String, Object>> results = events.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.memoryId() == null ? null : e.memoryId().toString());
            m.put("memory", e.text());
            m.put("event", e.type().name());
            return m;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        out.put("event_id", eventId);
        out.put("results", results);
        if (results.isEmpty()) out.put("message", "Nothing new to remember: the messages held no new fact, or it was known already.");
        return compact.write(out);
    }

    private Definition searchMemories() {
        Map<String, Object> schema = object(List.of("query"),
                string("query", "What to look for, in any language, e.g. 'frontend development' or 'dietary restrictions'."),
                userId(), agentId(), runId(),
                object("filters", "Advanced Mem0 filter, combined with the ids, e.g. {\"categories\": {\"in\": [\"food\"]}} "
                        + "or {\"created_at\": {\"gte\": \"2025-01-01\"}}."),
                integer("top_k", "How many memories to return at most.", 1, 100, 10),
                number("threshold", "Minimum relevance score (0-1) a memory needs to be returned.", 0, 1),
                includeVeryNegative(), maxTokens());
        return define(tool("search_memories", "Search memories",
                "Find the memories most relevant to a query, best first, for one user (or agent, or run). Use it before answering "
                        + "anything that may depend on what you were told earlier: preferences, facts about the user, past decisions.",
                schema, true, false), KeyScope.READ, args -> {
            String query = args.requiredString("query");
            int topK = args.integer("top_k", 10, 1, 100);
            Double threshold = args.number("threshold", 0, 1);
            int maxTokens = budget(args);
            var filter = ScopeFilters.create().filters(json.valueToTree(args.object("filters"))).ids(args.entityIds(true)).build();
            List<SearchHit> hits = memories.search(query, filter, topK, threshold, false, null,
                    args.bool("include_very_negative", false), false).hits();
            List<Map<String, Object>> items = hits.stream().map(h -> CompactResults.memory(h.memory(), h.score())).toList();
            return compact.budgeted(Map.of("query", query), "results", items, maxTokens);
        });
    }

    private static Map.Entry<String, Object> includeVeryNegative() {
        return bool("include_very_negative", "true: also return memories whose feedback is VERY_NEGATIVE (left out by default).", false);
    }

    private Definition listMemories() {
        Map<String, Object> schema = object(List.of(), userId(), agentId(), runId(),
                integer("page", "Page number, from 1.", 1, 1_000_000, 1),
                integer("page_size", "Memories per page.", 1, 100, 50),
                includeVeryNegative(), maxTokens());
        return define(tool("list_memories", "List memories",
                "List the stored memories of one user (or agent, or run), newest first, a page at a time. Use search_memories "
                        + "to find memories about a topic; use this to review everything that is stored.",
                schema, true, false), KeyScope.READ, args -> {
            int page = args.integer("page", 1, 1, 1_000_000);
            int size = args.integer("page_size", 50, 1, 100);
            int maxTokens = budget(args);
            var filter = ScopeFilters.create().ids(args.entityIds(true)).build();
            var result = memories.list(filter, page, size, false, args.bool("include_very_negative", false));
            List<Map<String, Object>> items = result.items().stream().map(m -> CompactResults.memory(m, null)).toList();
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("total", result.total());
            head.put("page", page);
            head.put("has_more", result.hasNext());
            return compact.budgeted(head, "results", items, maxTokens);
        });
    }

    private Definition getMemory() {
        Map<String, Object> schema = object(List.of("memory_id"), string("memory_id", "The memory's id, as search or list returned it."));
        return define(tool("get_memory", "Get memory", "Get one memory by its id, with its text, owner ids, categories and metadata.",
                schema, true, false), KeyScope.READ, args -> compact.write(CompactResults.memory(memories.get(args.requiredString("memory_id")), null)));
    }

    private Definition updateMemory() {
        Map<String, Object> schema = object(List.of("memory_id"),
                string("memory_id", "The memory's id, as search or list returned it."),
                string("text", "The memory's new text, replacing the old one."),
                object("metadata", "New metadata, replacing the old."));
        return define(tool("update_memory", "Update memory",
                "Correct a memory: replace its text (and/or metadata). Use it when the user says something you remembered is wrong "
                        + "or has changed; the old text is kept in the memory's history.",
                schema, false, false), KeyScope.WRITE, args -> {
            String id = args.requiredString("memory_id");
            String text = args.string("text");
            Map<String, Object> metadata = args.object("metadata");
            if (text == null && metadata == null) throw new ValidationException("update_memory needs text or metadata");
            MemoryRecord updated = memories.update(id, new MemoryEdit(text, metadata == null ? null : json.valueToTree(metadata), null, null));
            return compact.write(CompactResults.memory(updated, null));
        });
    }

    private Definition deleteMemory() {
        Map<String, Object> schema = object(List.of("memory_id"), string("memory_id", "The id of the memory to delete."));
        return define(tool("delete_memory", "Delete memory", "Delete one memory by its id, e.g. when the user asks you to forget something.",
                schema, false, true), KeyScope.WRITE, args -> {
            String id = args.requiredString("memory_id");
            memories.delete(id, false);
            return compact.write(Map.of("deleted", id));
        });
    }

    private Definition deleteAllMemories() {
        Map<String, Object> schema = object(List.of(), userId(), agentId(), runId());
        return define(tool("delete_all_memories", "Delete all memories",
                "Delete every memory of one user (or agent, or run). Irreversible: only when the user explicitly asks to forget everything.",
                schema, false, true), KeyScope.WRITE, args -> {
            var ids = args.entityIds(true);
            int deleted = memories.deleteAll(ScopeFilters.create().ids(ids).build());
            Map<String, Object> out = new LinkedHashMap<>(ids);
            out.put("deleted_count", deleted);
            return compact.write(out);
        });
    }

    private Definition listEntities() {
        Map<String, Object> schema = object(List.of(),
                stringEnum("type", "Only entities of this type.", List.of("user", "agent", "app", "run")), maxTokens());
        return define(tool("list_entities", "List entities",
                "List the users, agents, apps and runs that have memories, most recently updated first, with how many each has.",
                schema, true, false), KeyScope.READ, args -> {
            String type = args.string("type");
            if (type != null && !List.of("user", "agent", "app", "run").contains(type)) {
                throw new ValidationException("type must be user, agent, app or run");
            }
            int maxTokens = budget(args);
            List<Map<String, Object>> items = entities.entities().stream().filter(e -> type == null || e.type().equals(type)).map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", e.type());
                m.put("id", e.name());
                m.put("memories", e.memories());
                return m;
            }).toList();
            return compact.budgeted(Map.of("total", items.size()), "results", items, maxTokens);
        });
    }

    private static int budget(ToolArguments args) {
        return args.integer("max_tokens", CompactResults.DEFAULT_MAX_TOKENS, CompactResults.MIN_MAX_TOKENS, CompactResults.MAX_MAX_TOKENS);
    }

    /** The argument names a definition's schema declares (what {@link ToolArguments} accepts). */
    static Set<String> argumentNames(Definition d) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) d.tool().inputSchema().get("properties");
        return properties.keySet();
    }
}
