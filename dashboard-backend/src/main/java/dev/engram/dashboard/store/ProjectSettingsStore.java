package dev.engram.dashboard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Project settings and the dashboard's record of deleted projects, every query through {@link #in(String)}.
 * Categories and webhooks are stored as JSON text. Callers provide the transaction.
 */
@ApplicationScoped
public class ProjectSettingsStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> CATEGORIES = new TypeReference<>() {
    };
    private static final TypeReference<List<ProjectSettings.Webhook>> WEBHOOKS = new TypeReference<>() {
    };

    private final Repositories.Settings repository;

    @Inject
    ProjectSettingsStore(Repositories.Settings repository) {
        this.repository = repository;
    }

    private OrgScoped<ProjectSettingsEntity> in(String orgId) {
        return new OrgScoped<>(repository, orgId);
    }

    /** The project's settings; empty when none were saved (the project has {@link ProjectSettings#defaults()}). */
    public Optional<ProjectSettings> find(String orgId, String projectId) {
        return entity(orgId, projectId).map(ProjectSettingsStore::toRecord);
    }

    public ProjectSettings save(String orgId, String projectId, ProjectSettings settings, Instant at) {
        ProjectSettingsEntity e = entity(orgId, projectId).orElse(null);
        boolean created = e == null;
        if (created) e = blank(orgId, projectId);
        e.customInstructions = settings.customInstructions();
        e.categories = write(settings.categories());
        e.extractionMode = settings.extractionMode();
        e.llmProvider = settings.llmProvider();
        e.llmModel = settings.llmModel();
        e.defaultExpirationDays = settings.defaultExpirationDays();
        e.webhooks = write(settings.webhooks());
        e.updatedAt = at;
        if (created) in(orgId).persist(e);
        return toRecord(e);
    }

    /** Marks the project deleted: the dashboard hides it and refuses new keys for it. */
    public void markDeleted(String orgId, String projectId, Instant at) {
        ProjectSettingsEntity e = entity(orgId, projectId).orElse(null);
        if (e == null) {
            e = blank(orgId, projectId);
            ProjectSettings d = ProjectSettings.defaults();
            e.categories = write(d.categories());
            e.extractionMode = d.extractionMode();
            e.webhooks = write(d.webhooks());
            e.updatedAt = at;
            e.deletedAt = at;
            in(orgId).persist(e);
        } else if (e.deletedAt == null) {
            e.deletedAt = at;
        }
    }

    public Set<String> deletedProjectIds(String orgId) {
        return in(orgId).find("deletedAt is not null", Map.of()).stream().map(e -> e.projectId).collect(Collectors.toSet());
    }

    private Optional<ProjectSettingsEntity> entity(String orgId, String projectId) {
        return in(orgId).find("projectId = :projectId", Map.of("projectId", projectId)).firstResultOptional();
    }

    private static ProjectSettingsEntity blank(String orgId, String projectId) {
        ProjectSettingsEntity e = new ProjectSettingsEntity();
        e.orgId = orgId;
        e.projectId = projectId;
        return e;
    }

    private static ProjectSettings toRecord(ProjectSettingsEntity e) {
        return new ProjectSettings(e.customInstructions, read(e.categories, CATEGORIES), e.extractionMode, e.llmProvider,
                e.llmModel, null, e.defaultExpirationDays, read(e.webhooks, WEBHOOKS), e.updatedAt);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise project settings", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored project settings are not valid JSON", e);
        }
    }
}
