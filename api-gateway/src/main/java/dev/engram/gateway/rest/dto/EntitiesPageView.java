package dev.engram.gateway.rest.dto;

import java.util.List;

/** The entities listing: the pagination envelope plus totals per entity type. */
public record EntitiesPageView(long count, String next, String previous, List<EntityView> results, long totalUsers, long totalAgents,
                               long totalApps, long totalRuns) {
}
