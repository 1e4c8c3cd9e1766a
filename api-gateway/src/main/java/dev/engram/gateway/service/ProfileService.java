package dev.engram.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.profile.ProfileJob;
import dev.engram.core.profile.ProfileJobs;
import dev.engram.core.profile.ProfileSettings;
import dev.engram.core.profile.ProfileStatus;
import dev.engram.core.profile.ProfileStore;
import dev.engram.core.profile.UserProfile;
import dev.engram.core.spi.MemoryStore;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.config.ProfilesConfig;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The calling project's user profiles, profile jobs and profile settings (Mem0's {@code /v2/profiles/...} and
 * {@code /v2/entities/user/{id}/profile/}). The tenant comes from {@link CallerContext} only, and every store call takes
 * it, so another project's profile, job or settings are never found.
 */
@ApplicationScoped
public class ProfileService {

    /** The only entity type with profiles. */
    public static final String USER = "user";
    static final int MAX_KEY_CHARS = 256;
    static final int DEFAULT_SAMPLE = 5;
    static final int MAX_SAMPLE = 20;
    static final int MAX_SCHEMA_CHARS = 32_000;
    static final int MAX_INSTRUCTIONS_CHARS = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A profile as read: the stored row (or what stands in for it) and the status to show. */
    public record Read(String userId, UserProfile stored, ProfileStatus status) {
    }

    /** An accepted job and whether its key had already created it. */
    public record Accepted(ProfileJob job, boolean replayed) {
    }

    private final CallerContext caller;
    private final ProfileStore store;
    private final ProfileJobs jobs;
    private final MemoryEngine engine;
    private final MemoryStore memories;
    private final ProfilesConfig config;
    private final ProjectDefaultsCache projects;
    private final EngramConfig engram;
    private final Clock clock = Clock.systemUTC();

    ProfileService(CallerContext caller, ProfileStore store, ProfileJobs jobs, MemoryEngine engine, MemoryStore memories,
                   ProfilesConfig config, ProjectDefaultsCache projects, EngramConfig engram) {
        this.projects = projects;
        this.engram = engram;
        this.caller = caller;
        this.store = store;
        this.jobs = jobs;
        this.engine = engine;
        this.memories = memories;
        this.config = config;
    }

    /**
     * The user's profile. A user never generated yet is generated now in the background (answered {@code pending}) when
     * they have enough memories, and answered {@code insufficient_data} otherwise; a user with neither memories nor a
     * profile is not found. A project with profiles off answers {@code not_enabled}, with the last content kept. A
     * profile with at least {@code regenerate-after-changes} changes counted since its generation (by another process:
     * the gateway regenerates its own at once) is regenerated now and answered {@code pending}, its content still shown.
     */
    public Read profile(String userId) {
        Tenant tenant = caller.tenant();
        String user = userId(userId);
        Optional<UserProfile> stored = store.profile(tenant, user);
        UserProfile shown = stored.orElseGet(() -> new UserProfile(tenant, user, null, null, null, 0, 0, null));
        if (!store.settings(tenant).enabled()) return new Read(user, shown, ProfileStatus.NOT_ENABLED);
        if (shown.status() == ProfileStatus.PENDING) {
            // Queued here already, or left PENDING by a process that stopped: then it is queued now (once per process).
            jobs.refresh(tenant, user);
            return new Read(user, shown, ProfileStatus.PENDING);
        }
        if (shown.status() != null) {
            // Changes counted elsewhere (an ingest worker only counts) make a stale profile regenerate when it is read.
            if (shown.changes() >= config.regenerateAfterChanges() && jobs.refresh(tenant, user)) {
                return new Read(user, shown, ProfileStatus.PENDING);
            }
            return new Read(user, shown, shown.status());
        }
        long count = engine.list(ListRequest.of(tenant, Filter.eq(Field.USER_ID, user)).page(1, 1)).total();
        if (count == 0 && stored.isEmpty()) throw new NotFoundException("Entity not found");
        if (count < config.minMemories()) return new Read(user, shown, ProfileStatus.INSUFFICIENT_DATA);
        jobs.refresh(tenant, user);
        return new Read(user, shown, ProfileStatus.PENDING);
    }

    /** Accepts a {@code trigger} or {@code sample} job, or finds the one the same key created. */
    public Accepted createJob(String idempotencyKey, JsonNode body) {
        Tenant tenant = caller.tenant();
        requireObject(body);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey.strip();
        if (key.length() > MAX_KEY_CHARS) throw new ValidationException("Idempotency-Key exceeds " + MAX_KEY_CHARS + " characters");
        String operation = BodyFields.text(body, "operation");
        String entityType = BodyFields.text(body, "entity_type");
        if (!USER.equals(entityType)) throw new ValidationException("entity_type must be \"user\" (the only entity type with profiles)");
        if (!"trigger".equals(operation) && !"sample".equals(operation)) {
            throw new ValidationException("operation must be \"trigger\" or \"sample\"");
        }
        if (!store.settings(tenant).enabled()) {
            throw new ConflictException("Profiles are turned off for this project; turn them on with POST /v2/profiles/settings/ {\"enabled\": true}");
        }
        ProfileStore.Created created;
        if ("trigger".equals(operation)) {
            String entityId = BodyFields.text(body, "entity_id");
            if (entityId == null || entityId.isBlank()) throw new ValidationException("entity_id is required for a trigger job");
            created = jobs.submit(tenant, ProfileJob.Operation.TRIGGER, key, List.of(userId(entityId)));
        } else {
            created = jobs.submit(tenant, ProfileJob.Operation.SAMPLE, key, sample(tenant, limit(body)));
        }
        return new Accepted(created.job(), created.replayed());
    }

    public ProfileJob job(String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Profile job not found");
        }
        return store.job(caller.tenant(), id).orElseThrow(() -> new NotFoundException("Profile job not found"));
    }

    /** Whether the caller's project gets an LLM summary: not offline-only, and its LLM (or the default one) is configured. */
    public boolean llmSummary() {
        var defaults = projects.get(caller.tenant());
        if (defaults.offlineOnly()) return false;
        return engram.llm().forProfile(defaults.llmProfile()).settings().isPresent();
    }

    public ProfilesConfig config() {
        return config;
    }

    public ProfileSettings settings() {
        return store.settings(caller.tenant());
    }

    /**
     * Writes what the body names: {@code enabled}, and {@code entities.user.schema} / {@code entities.user.custom_instructions}
     * (null clears them). Anything else, such as a flat {@code schema}, is refused as unsupported and nothing is written.
     */
    public ProfileSettings updateSettings(JsonNode body) {
        Tenant tenant = caller.tenant();
        requireObject(body);
        List<String> unsupported = names(body).stream().filter(n -> !Set.of("enabled", "entities").contains(n)).toList();
        if (!unsupported.isEmpty()) {
            throw new ValidationException("Unsupported settings: " + String.join(", ", unsupported)
                    + " (only enabled is project-wide; schema and custom_instructions go under entities.user)");
        }
        ProfileSettings settings = store.settings(tenant);
        if (body.has("enabled")) {
            if (!body.get("enabled").isBoolean()) throw new ValidationException("enabled must be true or false");
            settings = settings.withEnabled(body.get("enabled").booleanValue());
        }
        if (body.has("entities")) settings = entities(body.get("entities"), settings);
        store.saveSettings(tenant, settings, clock.instant());
        return settings;
    }

    private static ProfileSettings entities(JsonNode entities, ProfileSettings settings) {
        if (!entities.isObject()) throw new ValidationException("entities must be an object such as {\"user\": {\"schema\": {...}}}");
        for (String type : names(entities)) {
            if (!USER.equals(type)) throw new ValidationException("Unsupported settings: entities." + type + " (only user has profiles)");
        }
        JsonNode user = entities.get(USER);
        if (user == null || user.isNull()) return settings;
        if (!user.isObject()) throw new ValidationException("entities.user must be an object with schema and/or custom_instructions");
        List<String> unsupported = names(user).stream().filter(n -> !Set.of("schema", "custom_instructions").contains(n)).toList();
        if (!unsupported.isEmpty()) throw new ValidationException("Unsupported settings: entities.user." + String.join(", entities.user.", unsupported));
        if (user.has("schema")) settings = settings.withUserSchema(schema(user.get("schema")));
        if (user.has("custom_instructions")) {
            JsonNode i = user.get("custom_instructions");
            if (!i.isNull() && !i.isTextual()) throw new ValidationException("custom_instructions must be text or null");
            String text = i.isNull() || i.asText().isBlank() ? null : i.asText().strip();
            if (text != null && text.length() > MAX_INSTRUCTIONS_CHARS) {
                throw new TooLargeException("custom_instructions exceeds " + MAX_INSTRUCTIONS_CHARS + " characters");
            }
            settings = settings.withUserInstructions(text);
        }
        return settings;
    }

    /** The schema as stored (JSON text), or null to clear it: an object with a non-empty {@code properties}, each described. */
    private static String schema(JsonNode schema) {
        if (schema.isNull()) return null;
        if (!schema.isObject()) throw new ValidationException("schema must be a JSON Schema object or null");
        if (schema.has("type") && !"object".equals(schema.get("type").asText())) throw new ValidationException("schema's type must be \"object\"");
        JsonNode properties = schema.get("properties");
        if (properties == null || !properties.isObject() || properties.isEmpty()) {
            throw new ValidationException("schema needs a non-empty \"properties\" object");
        }
        for (String name : names(properties)) {
            JsonNode p = properties.get(name);
            if (!p.isObject() || !p.path("description").isTextual() || p.path("description").asText().isBlank()) {
                throw new ValidationException("schema property '" + name + "' needs a description");
            }
        }
        try {
            String text = JSON.writeValueAsString(schema);
            if (text.length() > MAX_SCHEMA_CHARS) throw new TooLargeException("schema exceeds " + MAX_SCHEMA_CHARS + " characters");
            return text;
        } catch (JsonProcessingException e) {
            throw new ValidationException("schema cannot be stored: " + e.getOriginalMessage());
        }
    }

    /** The users with the most memories first (then by id), at most {@code limit}. */
    private List<String> sample(Tenant tenant, int limit) {
        return memories.entities(tenant).stream().filter(e -> e.kind() == EntityCount.Kind.USER)
                .sorted(Comparator.comparingLong(EntityCount::memories).reversed().thenComparing(EntityCount::id))
                .limit(limit).map(EntityCount::id).toList();
    }

    private static int limit(JsonNode body) {
        JsonNode limit = body.get("limit");
        if (BodyFields.absent(limit)) return DEFAULT_SAMPLE;
        if (!limit.canConvertToInt() || !limit.isIntegralNumber() || limit.intValue() < 1 || limit.intValue() > MAX_SAMPLE) {
            throw new ValidationException("limit must be an integer between 1 and " + MAX_SAMPLE);
        }
        return limit.intValue();
    }

    /** The user id checked as the memories' ids are (no white space, at most 256 characters). */
    private static String userId(String id) {
        if (id == null || id.isBlank()) throw new ValidationException("entity_id is required");
        return Scope.user(id).userId();
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object");
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    /** The stored profile's content as an object (its keys verbatim). */
    public static Map<String, Object> content(UserProfile profile) {
        try {
            return JSON.readValue(profile.profileJson(), new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored profile is not JSON", e);
        }
    }
}
