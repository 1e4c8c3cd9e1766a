package dev.engram.dashboard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** Settings of one project; categories and webhooks are JSON text (see {@link ProjectSettingsStore}). */
@Entity
@Table(name = "project_settings")
@IdClass(ProjectSettingsKey.class)
public class ProjectSettingsEntity implements OrgOwned {

    @Id
    @Column(name = "org_id", length = 128)
    public String orgId;

    @Id
    @Column(name = "project_id", length = 128)
    public String projectId;

    @Column(name = "custom_instructions", columnDefinition = "text")
    public String customInstructions;

    @Column(name = "categories", nullable = false, columnDefinition = "text")
    public String categories;

    @Enumerated(EnumType.STRING)
    @Column(name = "extraction_mode", nullable = false, length = 16)
    public ExtractionMode extractionMode;

    @Column(name = "llm_provider", length = 64)
    public String llmProvider;

    @Column(name = "llm_model", length = 128)
    public String llmModel;

    @Column(name = "default_expiration_days")
    public Integer defaultExpirationDays;

    @Column(name = "webhooks", nullable = false, columnDefinition = "text")
    public String webhooks;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Override
    public String orgId() {
        return orgId;
    }
}
