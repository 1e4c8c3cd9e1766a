package dev.engram.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The wire form of a {@link UsageEvent} on the usage topic: a JSON object with a schema version {@code v}. Version 1:
 *
 * <pre>{@code
 * {"v":1, "id":"<uuid>", "org":"acme", "project":"default", "at":"2026-01-01T10:00:00Z", "kind":"REQUEST",
 *  "op":"SEARCH", "route":"POST /v3/memories/search/", "status":200, "latency_ms":12, "user":"alice",
 *  "memories":{"add":0,"update":0,"supersede":0,"delete":0}, "llm":{"prompt":0,"completion":0,"calls":0},
 *  "context_tokens":40, "raw_tokens":0}
 * }</pre>
 *
 * Readers ignore unknown fields, so a producer may add fields without a new version; a change of meaning needs one, and a
 * reader refuses versions it does not know ({@link UnsupportedVersionException}). A batch over HTTP (the standalone
 * platform) is the same objects as newline-delimited JSON ({@value #BATCH_CONTENT_TYPE}): {@link #encodeBatch},
 * {@link #splitBatch}.
 */
public final class UsageEventCodec {

    public static final int VERSION = 1;
    /** The content type of a batch: one encoded event per line. */
    public static final String BATCH_CONTENT_TYPE = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record of a version this reader does not know, or not a usage event at all. */
    public static final class UnsupportedVersionException extends IllegalArgumentException {
        public UnsupportedVersionException(String message) {
            super(message);
        }
    }

    private UsageEventCodec() {
    }

    /** The events as newline-delimited JSON (an encoded event has no raw newline). */
    public static byte[] encodeBatch(List<UsageEvent> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 256);
        for (UsageEvent e : batch) {
            out.writeBytes(encode(e));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** A batch's non-empty lines ({@code \n} or {@code \r\n}), each one event for {@link #decode}. */
    public static List<byte[]> splitBatch(byte[] batch) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= batch.length; i++) {
            if (i == batch.length || batch[i] == '\n') {
                int end = i > start && batch[i - 1] == '\r' ? i - 1 : i;
                if (end > start) out.add(Arrays.copyOfRange(batch, start, end));
                start = i + 1;
            }
        }
        return out;
    }

    public static byte[] encode(UsageEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", VERSION);
        o.put("id", e.id().toString());
        o.put("org", e.tenant().orgId());
        o.put("project", e.tenant().projectId());
        o.put("at", e.occurredAt().toString());
        o.put("kind", e.kind().name());
        o.put("op", e.operation().name());
        if (e.route() != null) o.put("route", e.route());
        o.put("status", e.status());
        o.put("latency_ms", e.latencyMs());
        if (e.userId() != null) o.put("user", e.userId());
        ObjectNode m = o.putObject("memories");
        m.put("add", e.memories().added());
        m.put("update", e.memories().updated());
        m.put("supersede", e.memories().superseded());
        m.put("delete", e.memories().deleted());
        ObjectNode l = o.putObject("llm");
        l.put("prompt", e.llm().inputTokens());
        l.put("completion", e.llm().outputTokens());
        l.put("calls", e.llm().calls());
        o.put("context_tokens", e.contextTokens());
        o.put("raw_tokens", e.rawTokens());
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot encode a usage event", ex);
        }
    }

    /**
     * @throws UnsupportedVersionException for another version
     * @throws IllegalArgumentException    for anything that is not a valid version 1 usage event
     */
    public static UsageEvent decode(byte[] bytes) {
        JsonNode o;
        try {
            o = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not JSON: " + new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8), e);
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException("A usage event is a JSON object");
        int version = o.path("v").asInt(-1);
        if (version != VERSION) throw new UnsupportedVersionException("Unsupported usage event version " + o.path("v"));
        try {
            JsonNode m = o.path("memories");
            JsonNode l = o.path("llm");
            return new UsageEvent(
                    UUID.fromString(text(o, "id")),
                    Tenant.of(text(o, "org"), text(o, "project")),
                    Instant.parse(text(o, "at")),
                    UsageEvent.Kind.valueOf(text(o, "kind")),
                    o.hasNonNull("op") ? UsageEvent.Operation.valueOf(o.get("op").asText()) : UsageEvent.Operation.OTHER,
                    o.hasNonNull("route") ? o.get("route").asText() : null,
                    o.path("status").asInt(0),
                    o.path("latency_ms").asLong(0),
                    o.hasNonNull("user") ? o.get("user").asText() : null,
                    new UsageEvent.MemoryCounts(m.path("add").asInt(0), m.path("update").asInt(0),
                            m.path("supersede").asInt(0), m.path("delete").asInt(0)),
                    new TokenUsage(l.path("prompt").asLong(0), l.path("completion").asLong(0), l.path("calls").asInt(0)),
                    o.path("context_tokens").asLong(0),
                    o.path("raw_tokens").asLong(0));
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && !(e instanceof NumberFormatException)) throw iae;
            throw new IllegalArgumentException("Invalid usage event: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("Usage event field '" + field + "' is missing");
        return v.asText();
    }
}
