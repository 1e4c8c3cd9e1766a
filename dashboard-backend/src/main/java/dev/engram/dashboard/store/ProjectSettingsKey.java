package dev.engram.dashboard.store;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link ProjectSettingsEntity}: the platform tenant (organisation, project). */
public class ProjectSettingsKey implements Serializable {

    public String orgId;
    public String projectId;

    public ProjectSettingsKey() {
    }

    ProjectSettingsKey(String orgId, String projectId) {
        this.orgId = orgId;
        this.projectId = projectId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectSettingsKey k && Objects.equals(orgId, k.orgId) && Objects.equals(projectId, k.projectId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, projectId);
    }
}
