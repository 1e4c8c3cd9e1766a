package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Filter;
import dev.engram.core.error.ValidationException;
import dev.engram.core.filter.FilterParser;
import dev.engram.core.filter.Filters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the filter of a read from a request: the client's {@code filters} (Mem0's grammar, parsed by
 * {@link FilterParser}) plus the convenience fields ({@code categories}, {@code metadata}, dates, keywords, top-level
 * ids of legacy routes), each built directly as a clause through the parser's typed entry points, so every route
 * validates them the same way and nothing is written as JSON to be read back. The result must positively scope an
 * entity ({@link Filters#hasEntityScope}).
 */
public final class ScopeFilters {

    static final List<String> ENTITY_FIELDS = List.of("user_id", "agent_id", "app_id", "run_id");
    static final String SCOPE_REQUIRED = "One of the filters: app_id, user_id, agent_id, run_id is required!";

    private final List<Filter> clauses = new ArrayList<>();

    public static ScopeFilters create() {
        return new ScopeFilters();
    }

    /** The client's filter object as is. */
    public ScopeFilters filters(JsonNode filters) {
        if (BodyFields.absent(filters)) return this;
        if (!filters.isObject()) throw new ValidationException("filters must be a JSON object");
        if (!filters.isEmpty()) clauses.add(FilterParser.parse(filters));
        return this;
    }

    /** Entity ids given as plain values (legacy routes, query strings); {@code *} means any. */
    public ScopeFilters ids(Map<String, String> ids) {
        for (String f : ENTITY_FIELDS) {
            String v = ids.get(f);
            if (v != null && !v.isBlank()) clauses.add(FilterParser.entityId(f, v));
        }
        return this;
    }

    public ScopeFilters categories(List<String> categories) {
        if (categories == null || categories.isEmpty()) return this;
        clauses.add(FilterParser.inCategories(categories));
        return this;
    }

    public ScopeFilters metadata(JsonNode metadata) {
        if (BodyFields.absent(metadata)) return this;
        if (!metadata.isObject()) throw new ValidationException("metadata must be a JSON object");
        if (!metadata.isEmpty()) clauses.add(FilterParser.metadata(metadata));
        return this;
    }

    public ScopeFilters createdBetween(String startDate, String endDate) {
        if (startDate != null && !startDate.isBlank()) {
            WireValues.date(startDate, "start_date");
            clauses.add(FilterParser.createdBound("created_at", startDate, true));
        }
        if (endDate != null && !endDate.isBlank()) {
            WireValues.date(endDate, "end_date");
            clauses.add(FilterParser.createdBound("created_at", endDate, false));
        }
        return this;
    }

    public ScopeFilters keywords(String keywords) {
        if (keywords == null || keywords.isBlank()) return this;
        clauses.add(FilterParser.textContains("keywords", keywords.strip()));
        return this;
    }

    /** The combined filter; a 400 when it does not scope an entity. */
    public Filter build() {
        if (clauses.isEmpty()) throw new ValidationException(SCOPE_REQUIRED);
        Filter f = Filter.and(clauses);
        if (!Filters.hasEntityScope(f)) throw new ValidationException(SCOPE_REQUIRED);
        return f;
    }

    /** Rejects top-level entity ids (v3 search and list take the scope in {@code filters} only). */
    public static void rejectTopLevelIds(String userId, String agentId, String appId, String runId) {
        if (userId != null || agentId != null || appId != null || runId != null) {
            throw new ValidationException("Top-level entity parameters are not supported here: put user_id, agent_id, app_id "
                    + "or run_id inside filters, e.g. {\"filters\": {\"user_id\": \"alice\"}}");
        }
    }
}
