package dev.engram.gateway.rest.dto;

import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;

import java.util.List;
import java.util.Map;

/**
 * Mem0's project object ({@code GET /api/v1/orgs/organizations/{org_id}/projects/{project_id}/}); the settings Engram
 * does not implement have the values that say so (null, false, no members).
 */
public record ProjectSettingsView(String projectId, String orgId, String name, String description, List<Object> members,
                                  String customInstructions, String agentCustomInstructions, List<Map<String, String>> customCategories,
                                  Integer defaultExpirationDays, String extractionMode, String llmProfile, String memoryDepth, String usecase,
                                  boolean multilingual, boolean decay, boolean enableGraph, String version, String inclusionPrompt,
                                  String exclusionPrompt, String expirationDate, boolean isDefault, String createdAt)
        implements ProjectSettingsResult {

    public static ProjectSettingsView of(Project p) {
        ProjectDefaults d = p.defaults();
        return new ProjectSettingsView(p.tenant().projectId(), p.tenant().orgId(), p.name(), null, List.of(), d.customInstructions(), null,
                ProjectDefaultsView.categories(d), d.defaultExpirationDays(), ProjectDefaultsView.extractionMode(d), d.llmProfile(), null, null, false, false,
                false, null, null, null, null, false, p.createdAt().toString());
    }
}
