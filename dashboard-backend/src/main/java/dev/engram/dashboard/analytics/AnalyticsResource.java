package dev.engram.dashboard.analytics;

import dev.engram.core.domain.Tenant;
import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.security.OrgAccess;
import dev.engram.dashboard.service.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;

/** A project's usage analytics as time series (docs/dashboard.md, "Analytics"). */
@Path("/api/v1/orgs/{org_id}/projects/{project_id}/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @Inject
    ProjectService projects;
    @Inject
    UsageReader usage;

    Clock clock = Clock.systemUTC();

    @GET
    @OrgAccess(Role.READER)
    public AnalyticsReport analytics(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                     @QueryParam("granularity") String granularity, @QueryParam("from") String from,
                                     @QueryParam("to") String to) {
        AnalyticsWindow window = AnalyticsWindow.of(granularity, from, to, clock.instant());
        projects.get(orgId, projectId); // 404 for a project this organisation does not have (or deleted)
        return usage.report(Tenant.of(orgId, projectId), window);
    }
}
