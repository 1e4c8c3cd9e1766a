package dev.engram.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.export.ExportJob;
import dev.engram.core.export.ExportJobStore;
import dev.engram.core.export.ExportReader;
import dev.engram.core.export.ExportRequest;
import dev.engram.core.export.ExportShape;
import dev.engram.core.export.ExportStatus;
import dev.engram.core.filter.FilterParser;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The calling project's memory exports (Mem0's {@code /v1/exports/}): a request is validated and queued as a job that
 * {@code ExportRunner} writes in the background; reading one answers the finished export shaped by its schema
 * ({@link ExportShape}), or where the job is. The tenant comes from {@link CallerContext} only, so an export id of
 * another project is not found. The administration's import restores a full export into a project.
 */
@ApplicationScoped
public class ExportService {

    /** Mem0's answer when there is no such export. */
    public static final String NOT_FOUND = "No memory export request found";
    /** The entity ids Python's client sends flat, beside {@code schema}. */
    static final List<String> FLAT_IDS = List.of("user_id", "agent_id", "app_id", "run_id");
    /** The longest JSON schema, and the longest instructions, in characters. */
    static final int MAX_SCHEMA_CHARS = 64 * 1024;
    static final int MAX_INSTRUCTIONS_CHARS = 10_000;
    /** How many of the project's newest exports are searched for one matching given filters. */
    static final int NEWEST_SEARCHED = 200;
    /** Memories restored per atomic batch of an import. */
    static final int IMPORT_BATCH = 200;

    /** What {@code POST /v1/exports/get/} answers: the shaped export, or the job when it is not finished. */
    public record Fetched(JsonNode export, ExportJob pending) {
    }

    /** What an import did. */
    public record Imported(int memories, int historyEntries, int batches) {
    }

    private final CallerContext caller;
    private final ExportJobStore store;
    private final MemoryEngine engine;
    private final ApiKeyStore projects;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    ExportService(CallerContext caller, ExportJobStore store, MemoryEngine engine, ApiKeyStore projects, ObjectMapper json) {
        this.caller = caller;
        this.store = store;
        this.engine = engine;
        this.projects = projects;
        this.json = json;
    }

    /** Queues an export of the memories the body's filters (and flat entity ids) match, shaped by its schema. */
    public ExportJob create(JsonNode body) {
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object");
        JsonNode schema = body.get("schema");
        if (BodyFields.absent(schema)) throw new ValidationException("schema is required (a JSON schema object)");
        ExportShape.check(schema);
        String schemaText = write(schema);
        if (schemaText.length() > MAX_SCHEMA_CHARS) throw new ValidationException("schema exceeds " + MAX_SCHEMA_CHARS + " characters");
        String instructions = BodyFields.text(body, "export_instructions");
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS_CHARS) {
            throw new ValidationException("export_instructions exceeds " + MAX_INSTRUCTIONS_CHARS + " characters");
        }
        JsonNode filters = filters(body);
        return store.create(caller.tenant(), new ExportRequest(write(filters), schemaText, instructions), clock.instant());
    }

    /**
     * The export {@code memory_export_id} names, or else the newest completed one made with the same filters (the body's
     * {@code filters} and Python's flat entity ids, as at creation), shaped by
     * its schema; when that job is not finished yet, the job.
     */
    public Fetched fetch(JsonNode body) {
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object");
        Tenant tenant = caller.tenant();
        String id = BodyFields.text(body, "memory_export_id");
        ExportJob job;
        if (id != null && !id.isBlank()) {
            job = store.get(tenant, uuid(id)).orElseThrow(ExportService::notFound);
        } else if (!BodyFields.absent(body.get("filters")) || FLAT_IDS.stream().anyMatch(f -> !BodyFields.absent(body.get(f)))) {
            Filter wanted = canonical(scope(filters(body)));
            job = store.list(tenant, NEWEST_SEARCHED).stream().filter(j -> j.status() == ExportStatus.COMPLETED)
                    .filter(j -> canonical(parse(j.request().filters())).equals(wanted)).findFirst().orElseThrow(ExportService::notFound);
        } else {
            throw new ValidationException("Give memory_export_id or filters");
        }
        if (job.status() == ExportStatus.FAILED) throw new ConflictException("The memory export failed: " + job.error());
        if (job.status() != ExportStatus.COMPLETED) return new Fetched(null, job);
        return new Fetched(ExportShape.apply(read(job.request().schema()), read(result(tenant, job))), null);
    }

    /** The job, with its progress. */
    public ExportJob status(String id) {
        return store.get(caller.tenant(), uuid(id)).orElseThrow(ExportService::notFound);
    }

    /** The project's newest jobs, newest first. */
    public List<ExportJob> list(int limit) {
        if (limit < 1 || limit > 100) throw new ValidationException("limit must be between 1 and 100");
        return store.list(caller.tenant(), limit);
    }

    /** The full export (Engram's format, unshaped) of a completed job: what an import takes. */
    public String download(String id) {
        Tenant tenant = caller.tenant();
        ExportJob job = store.get(tenant, uuid(id)).orElseThrow(ExportService::notFound);
        if (job.status() == ExportStatus.FAILED) throw new ConflictException("The memory export failed: " + job.error());
        if (job.status() != ExportStatus.COMPLETED) throw new ConflictException("The memory export is not finished yet (" + job.status() + ")");
        return result(tenant, job);
    }

    /**
     * Restores a full export into the project {@code orgId}/{@code projectId}, verbatim (no extraction), in atomic
     * batches of {@value #IMPORT_BATCH} memories; memories already there with the same ids are written again, not
     * duplicated. The whole export is validated before the first batch is written.
     */
    public Imported importInto(String orgId, String projectId, JsonNode export) {
        Tenant target;
        try {
            target = Tenant.of(orgId, projectId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Project not found");
        }
        projects.project(target).orElseThrow(() -> new NotFoundException("Project not found"));
        List<ExportReader.Restored> restored = ExportReader.read(export, target);
        int batches = 0;
        int history = 0;
        for (int from = 0; from < restored.size(); from += IMPORT_BATCH) {
            List<ExportReader.Restored> batch = restored.subList(from, Math.min(restored.size(), from + IMPORT_BATCH));
            List<MemoryRecord> records = new ArrayList<>();
            List<HistoryEntry> entries = new ArrayList<>();
            for (ExportReader.Restored r : batch) {
                records.add(r.memory());
                entries.addAll(r.history());
            }
            engine.restore(target, records, entries);
            history += entries.size();
            batches++;
        }
        return new Imported(restored.size(), history, batches);
    }

    /** The body's filters, with Python's flat entity ids ANDed in; they must scope an entity. */
    private JsonNode filters(JsonNode body) {
        JsonNode given = body.get("filters");
        if (!BodyFields.absent(given) && !given.isObject()) throw new ValidationException("filters must be a JSON object");
        ObjectNode flat = json.createObjectNode();
        for (String f : FLAT_IDS) {
            String v = BodyFields.text(body, f);
            if (v != null && !v.isBlank()) flat.put(f, v);
        }
        JsonNode combined;
        if (BodyFields.absent(given) || given.isEmpty()) combined = flat;
        else if (flat.isEmpty()) combined = given;
        else {
            ObjectNode and = json.createObjectNode();
            ArrayNode clauses = and.putArray("AND");
            clauses.add(given);
            flat.fields().forEachRemaining(e -> clauses.add(json.createObjectNode().set(e.getKey(), e.getValue())));
            combined = and;
        }
        scope(combined);
        return combined;
    }

    private static Filter scope(JsonNode filters) {
        return ScopeFilters.create().filters(filters).build();
    }

    private Filter parse(String filters) {
        return FilterParser.parse(read(filters));
    }

    /** The filter with one-clause ANDs unwrapped, so {@code {"user_id":"a"}} and {@code {"AND":[{"user_id":"a"}]}} compare equal. */
    static Filter canonical(Filter f) {
        return switch (f) {
            case Filter.And and when and.clauses().size() == 1 -> canonical(and.clauses().get(0));
            case Filter.And and -> new Filter.And(and.clauses().stream().map(ExportService::canonical).toList());
            case Filter.Or or when or.clauses().size() == 1 -> canonical(or.clauses().get(0));
            case Filter.Or or -> new Filter.Or(or.clauses().stream().map(ExportService::canonical).toList());
            case Filter.Not not -> new Filter.Not(canonical(not.clause()));
            default -> f;
        };
    }

    private String result(Tenant tenant, ExportJob job) {
        return store.result(tenant, job.id()).orElseThrow(ExportService::notFound);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored export is not JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ValidationException("The request body is not valid JSON");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException(NOT_FOUND);
    }
}
