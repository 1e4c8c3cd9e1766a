package dev.engram.core.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.TooLargeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Writes the full export of a project's memories that match a filter: Engram's export format, version
 * {@value #FORMAT_VERSION}, which {@link ExportReader} reads back for an import. Memories are read a page at a time
 * ({@value #PAGE_SIZE}), newest first, active, superseded and expired alike, each with its sources and history, and
 * streamed to the output, so only one page is held at once; the output is capped at {@code maxChars}.
 *
 * <pre>{
 *   "engram_export": 1, "export_id", "org_id", "project_id", "created_at", "exported_at", "filters": {…}, "count",
 *   "memories": [{"id", "memory", "hash", "user_id", "agent_id", "app_id", "run_id", "actor_id", "role", "metadata",
 *                 "categories", "created_at", "updated_at", "event_time", "expiration_date", "immutable", "state",
 *                 "replaced_by", "slot",
 *                 "sources": [{"event_id", "message_index", "message_id", "speaker", "role", "timestamp"}],
 *                 "history": [{"id", "event", "old_memory", "new_memory", "actor_id", "role", "created_at",
 *                              "related_memory_id", "event_id", "reason"}]}]
 * }</pre>
 */
public final class ExportWriter {

    public static final int FORMAT_VERSION = 1;
    static final int PAGE_SIZE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** Told the progress after each page; answers false to stop the export (the job is no longer this run's). */
    @FunctionalInterface
    public interface Progress {
        boolean report(int processed, int total);
    }

    /** The export stopped because its job was taken away from it. */
    public static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("The export job is no longer this run's", null, false, false);
        }
    }

    private final MemoryEngine engine;

    public ExportWriter(MemoryEngine engine) {
        this.engine = engine;
    }

    /**
     * Writes the export of {@code job} to {@code out}, at most {@code maxChars} characters.
     *
     * @return how many memories were written
     * @throws TooLargeException when the export would exceed {@code maxChars}
     * @throws Abandoned         when {@code progress} answers false
     */
    public int write(ExportJob job, Filter filter, Writer out, long maxChars, Instant now, Progress progress) {
        Tenant tenant = job.tenant();
        try (JsonGenerator g = FACTORY.createGenerator(new CappedWriter(out, maxChars))) {
            g.writeStartObject();
            g.writeNumberField("engram_export", FORMAT_VERSION);
            g.writeStringField("export_id", job.id().toString());
            g.writeStringField("org_id", tenant.orgId());
            g.writeStringField("project_id", tenant.projectId());
            g.writeStringField("created_at", job.createdAt().toString());
            g.writeStringField("exported_at", now.toString());
            g.writeFieldName("filters");
            g.writeTree(JSON.readTree(job.request().filters()));
            g.writeArrayFieldStart("memories");
            int written = 0;
            int total = 0;
            for (int page = 1; ; page++) {
                Page<MemoryRecord> p = engine.list(new ListRequest(tenant, filter, page, PAGE_SIZE, true, true));
                total = (int) Math.max(total, p.total());
                for (MemoryRecord m : p.items()) {
                    memory(g, m);
                    written++;
                }
                if (!progress.report(written, Math.max(total, written))) throw new Abandoned();
                if (!p.hasNext() || p.items().isEmpty()) break;
            }
            g.writeEndArray();
            g.writeNumberField("count", written);
            g.writeEndObject();
            return written;
        } catch (CappedWriter.Exceeded e) {
            throw new TooLargeException("The export exceeds " + maxChars + " characters (engram.exports.max-result-chars): "
                    + "narrow its filters");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export", e);
        }
    }

    private void memory(JsonGenerator g, MemoryRecord m) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", m.id().toString());
        g.writeStringField("memory", m.text());
        g.writeStringField("hash", m.hash());
        g.writeStringField("user_id", m.scope().userId());
        g.writeStringField("agent_id", m.scope().agentId());
        g.writeStringField("app_id", m.scope().appId());
        g.writeStringField("run_id", m.scope().runId());
        g.writeStringField("actor_id", m.actor());
        g.writeStringField("role", m.role());
        g.writeFieldName("metadata");
        JSON.writeValue(g, m.metadata());
        g.writeArrayFieldStart("categories");
        for (String c : m.categories()) g.writeString(c);
        g.writeEndArray();
        g.writeStringField("created_at", text(m.createdAt()));
        g.writeStringField("updated_at", text(m.updatedAt()));
        g.writeStringField("event_time", text(m.eventTime()));
        g.writeStringField("expiration_date", m.expirationDate() == null ? null : m.expirationDate().toString());
        g.writeBooleanField("immutable", m.immutable());
        g.writeStringField("state", m.state().name());
        g.writeStringField("replaced_by", text(m.replacedBy()));
        g.writeStringField("slot", m.slot());
        g.writeArrayFieldStart("sources");
        for (Source s : m.sources()) {
            g.writeStartObject();
            g.writeStringField("event_id", s.eventId());
            g.writeNumberField("message_index", s.messageIndex());
            g.writeStringField("message_id", s.messageId());
            g.writeStringField("speaker", s.speaker());
            g.writeStringField("role", s.role());
            g.writeStringField("timestamp", text(s.timestamp()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("history");
        for (HistoryEntry h : engine.history(m.tenant(), m.id())) {
            g.writeStartObject();
            g.writeStringField("id", h.id().toString());
            g.writeStringField("event", h.event().name());
            g.writeStringField("old_memory", h.oldText());
            g.writeStringField("new_memory", h.newText());
            g.writeStringField("actor_id", h.actor());
            g.writeStringField("role", h.role());
            g.writeStringField("created_at", text(h.at()));
            g.writeStringField("related_memory_id", text(h.relatedMemoryId()));
            g.writeStringField("event_id", h.eventId());
            g.writeStringField("reason", h.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A writer that refuses to grow past a number of characters. */
    private static final class CappedWriter extends Writer {

        static final class Exceeded extends IOException {
            Exceeded() {
                super("export too large", null);
            }
        }

        private final Writer out;
        private final long max;
        private long written;

        CappedWriter(Writer out, long max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            written += len;
            if (written > max) throw new Exceeded();
            out.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
