package dev.engram.gateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Scope;
import dev.engram.core.engine.TokenEstimator;
import dev.engram.gateway.service.WireValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tools answer, shaped for a model's context: a memory is its id, text and the fields that are set (no hash,
 * no empty lists, no nulls), and a list stops before its items would pass the call's {@code max_tokens} budget
 * (estimated with the engine's {@link TokenEstimator}), saying how many it left out.
 */
final class CompactResults {

    /** The budget when a call gives none. */
    static final int DEFAULT_MAX_TOKENS = 2000;
    static final int MIN_MAX_TOKENS = 50;
    static final int MAX_MAX_TOKENS = 100_000;
    /** The memory text a single over-budget item is cut to, in characters. */
    private static final int CUT_TEXT_CHARS = 200;

    private final ObjectMapper json;

    CompactResults(ObjectMapper json) {
        this.json = json;
    }

    /** One memory, compact; {@code score} null leaves it out. */
    static Map<String, Object> memory(MemoryRecord m, Double score) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id().toString());
        out.put("memory", m.text());
        if (score != null) out.put("score", Math.round(score * 1000) / 1000.0);
        Scope s = m.scope();
        putIfSet(out, "user_id", s.userId());
        putIfSet(out, "agent_id", s.agentId());
        putIfSet(out, "run_id", s.runId());
        putIfSet(out, "app_id", s.appId());
        if (!m.categories().isEmpty()) out.put("categories", m.categories());
        if (!m.metadata().isEmpty()) out.put("metadata", m.metadata());
        out.put("created_at", WireValues.format(m.createdAt()));
        if (m.updatedAt() != null && !m.updatedAt().equals(m.createdAt())) out.put("updated_at", WireValues.format(m.updatedAt()));
        if (m.expirationDate() != null) out.put("expiration_date", m.expirationDate().toString());
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, String value) {
        if (value != null && !value.isEmpty()) out.put(key, value);
    }

    /**
     * {@code head} plus {@code items} under {@code key}, as many as fit in {@code maxTokens}; {@code omitted} counts the
     * rest and a note tells the model how to get them. A first item that alone passes the budget is kept with its text cut.
     */
    String budgeted(Map<String, Object> head, String key, List<Map<String, Object>> items, int maxTokens) {
        Map<String, Object> out = new LinkedHashMap<>(head);
        List<Map<String, Object>> kept = new ArrayList<>();
        int used = tokens(head) + 10;
        for (Map<String, Object> item : items) {
            int cost = tokens(item);
            if (used + cost > maxTokens) {
                if (kept.isEmpty()) {
                    kept.add(cut(item));
                    used += tokens(kept.getFirst());
                    continue;
                }
                break;
            }
            kept.add(item);
            used += cost;
        }
        out.put(key, kept);
        int omitted = items.size() - kept.size();
        if (omitted > 0) {
            out.put("omitted", omitted);
            out.put("note", omitted + " more did not fit in max_tokens=" + maxTokens + "; raise max_tokens, lower top_k/page_size or narrow the ids");
        }
        return write(out);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tool result could not be written as JSON", e);
        }
    }

    private int tokens(Object value) {
        return TokenEstimator.estimate(write(value));
    }

    private static Map<String, Object> cut(Map<String, Object> item) {
        Map<String, Object> out = new LinkedHashMap<>(item);
        if (out.get("memory") instanceof String text && text.length() > CUT_TEXT_CHARS) {
            out.put("memory", text.substring(0, CUT_TEXT_CHARS) + "… (cut to fit max_tokens; get_memory returns it whole)");
        }
        out.remove("metadata");
        return out;
    }
}
