package dev.engram.gateway;

import dev.engram.testing.grafana.DashboardMetrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.HttpServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the Grafana dashboard (deploy/grafana/engram-dashboard.json) queries is exported by a running gateway
 * on its management port, after a few requests; the ingest workers' metrics ({@code engram_worker_*}) are checked by
 * the worker's WorkerDashboardMetricsTest. A renamed or removed meter fails here instead of blanking a panel.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class GrafanaDashboardMetricsTest {

    private static final String WORKER_PREFIX = "engram_worker_";

    @Test
    void everyMetricTheDashboardQueriesIsExported(HttpServer server) throws Exception {
        String key = Api.newTenantKey("grafana");
        Api.addVerbatim(key, "alice", "Alice drinks green tea every morning");
        Api.as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "Alice lives in Lisbon")), "user_id", "alice",
                "infer", false)).post("/v3/memories/add/").then().statusCode(200);
        Api.as(key).body(Map.of("query", "what does Alice drink?", "filters", Map.of("user_id", "alice"))).post("/v3/memories/search/")
                .then().statusCode(200);
        given().get("/v1/ping/").then().statusCode(401);

        Set<String> used = DashboardMetrics.usedBy(DashboardMetrics.dashboard());
        assertThat(used).as("the dashboard's metric names").isNotEmpty().contains("http_server_requests_seconds_count",
                "engram_memory_search_seconds", "engram_ingest_queue_depth");
        String scrape = given().port(server.getManagementPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> exported = DashboardMetrics.exported(scrape);
        Set<String> missing = used.stream().filter(n -> !n.startsWith(WORKER_PREFIX)).filter(n -> !exported.contains(n))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(missing).as("dashboard metrics the gateway does not export").isEmpty();
    }

    /** The extraction the comparison rests on: metric names only, never functions, labels, ranges or variables. */
    @Test
    void extractsMetricNamesFromPromql() {
        assertThat(DashboardMetrics.metricNames("sum by (method, uri) (rate(http_server_requests_seconds_count{job=~\"$job\", "
                + "uri!~\"/q/.*\"}[$__rate_interval])) / max(engram_x_total offset 5m)")).containsExactlyInAnyOrder(
                "http_server_requests_seconds_count", "engram_x_total");
        assertThat(DashboardMetrics.metricNames("label_values(http_server_requests_seconds_count, job)"))
                .containsExactly("http_server_requests_seconds_count");
        assertThat(DashboardMetrics.exported("# HELP a_total x\na_total{k=\"v\"} 1.0\nb_seconds{quantile=\"0.5\"} 0.1\n"))
                .containsExactlyInAnyOrder("a_total", "b_seconds");
    }
}
