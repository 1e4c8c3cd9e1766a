package dev.engram.worker.messaging;

import dev.engram.testing.grafana.DashboardMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker metrics the Grafana dashboard (deploy/grafana/engram-dashboard.json) queries ({@code engram_worker_*}) are
 * the names the worker's consumer registers, as Prometheus exports them; the gateway's GrafanaDashboardMetricsTest
 * checks the rest against a running gateway. No broker is needed: the consumer registers its meters when built.
 */
class WorkerDashboardMetricsTest {

    @Test
    void everyWorkerMetricTheDashboardQueriesIsRegistered() throws Exception {
        Set<String> used = DashboardMetrics.usedBy(DashboardMetrics.dashboard()).stream().filter(n -> n.startsWith("engram_worker_"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(used).as("the dashboard's worker metrics").contains("engram_worker_lag", "engram_worker_records_total");
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var settings = new KafkaIngestConsumer.Settings("dashboard-test", "dashboard-test.dlq", "dashboard-test", 5, Duration.ofMillis(100));
        Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        try (var consumer = new KafkaIngestConsumer(client, settings, e -> { }, registry)) {
            Set<String> exported = DashboardMetrics.exported(registry.scrape());
            assertThat(used.stream().filter(n -> !exported.contains(n)).toList()).as("dashboard metrics the worker does not export").isEmpty();
        }
    }
}
