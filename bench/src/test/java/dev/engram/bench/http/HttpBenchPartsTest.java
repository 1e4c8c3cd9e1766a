package dev.engram.bench.http;

import dev.engram.bench.search.LatencyStats;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The pure parts of {@code bench http} and {@code bench soak}: statistics, progress, options, parsing, the verdict. */
class HttpBenchPartsTest {

    @Test
    void latencyStatsGrowPastTheirCapacityTakeSamplesFromThreadsAndMerge() throws Exception {
        var stats = new LatencyStats(4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 25;
            threads.add(Thread.ofPlatform().start(() -> IntStream.rangeClosed(1, 25).forEach(i -> stats.record((base + i) * 1_000_000L))));
        }
        for (Thread t : threads) t.join();

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.percentileMs(50)).isEqualTo(50.0);
        assertThat(stats.percentileMs(99)).isEqualTo(99.0);

        var other = new LatencyStats(1);
        other.record(1000 * 1_000_000L);
        var merged = LatencyStats.merged(List.of(stats, other));
        assertThat(merged.count()).isEqualTo(101);
        assertThat(merged.percentileMs(100)).isEqualTo(1000.0);
        assertThat(new LatencyStats(1).percentileMs(50)).isNaN();
    }

    @Test
    void progressLineShowsRateAndEta() {
        assertThat(Progress.line("loading", 4_200, 10_000, 10_000_000_000L))
                .isEqualTo("loading: 4,200 / 10,000 (42.0%), 420.0/s, elapsed 0:10, ETA 0:14");
        assertThat(Progress.line("loading", 0, 10, 0)).endsWith("ETA ?");
        assertThat(Progress.duration(59)).isEqualTo("0:59");
        assertThat(Progress.duration(3_725)).isEqualTo("1:02:05");
    }

    @Test
    void httpOptionsHaveDefaultsAndRejectNonsense() {
        var d = HttpBenchmark.Settings.parse(new String[0]);
        assertThat(d.memories()).isEqualTo(10_000);
        assertThat(d.users()).isEqualTo(100);
        assertThat(d.concurrency()).containsExactly(1, 8);
        assertThat(d.dir()).isEqualTo(Path.of("target/bench-http-10000"));
        assertThat(d.out()).isEqualTo(Path.of("target/bench-http-10000.json"));

        var s = HttpBenchmark.Settings.parse(new String[]{"--memories", "1_000_000", "--users=10000", "--concurrency", "1, 4,16", "--out", "x.json"});
        assertThat(s.memories()).isEqualTo(1_000_000);
        assertThat(s.users()).isEqualTo(10_000);
        assertThat(s.concurrency()).containsExactly(1, 4, 16);
        assertThat(s.out()).isEqualTo(Path.of("x.json"));

        assertThatThrownBy(() -> HttpBenchmark.Settings.parse(new String[]{"--concurrency", "1,0"})).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> HttpBenchmark.Settings.parse(new String[]{"--memory", "5"})).hasMessageContaining("unknown option --memory");
        assertThatThrownBy(() -> SoakBenchmark.Settings.parse(new String[]{"--rate", "-1"})).hasMessageContaining("positive");
        assertThat(SoakBenchmark.Settings.parse(new String[]{"--minutes", "3"}).minutes()).isEqualTo(3);
    }

    @Test
    void stackTargetHasItsOwnDirectoryAndWorkerCount() {
        assertThat(HttpBenchmark.Settings.parse(new String[0]).target()).isEqualTo(HttpBenchmark.Target.STANDALONE);
        var s = HttpBenchmark.Settings.parse(new String[]{"--platform", "stack", "--memories", "2000", "--workers", "3"});
        assertThat(s.target()).isEqualTo(HttpBenchmark.Target.STACK);
        assertThat(s.workers()).isEqualTo(3);
        assertThat(s.dir()).isEqualTo(Path.of("target/bench-http-stack-2000"));
        assertThatThrownBy(() -> HttpBenchmark.Settings.parse(new String[]{"--platform", "docker"})).hasMessageContaining("--platform");
        assertThatThrownBy(() -> HttpBenchmark.Settings.parse(new String[]{"--platform", "stack", "--workers", "0"})).hasMessageContaining("--workers");
    }

    @Test
    void stackSummaryGivesItsEndpointsOnlyOnceReady() {
        String starting = "local-stack: starting Kafka, PostgreSQL, the Qdrant emulator, the migration, then the apps ...\n";
        String summary = starting + """
                local-stack: ready in 41 s (work directory /tmp/w)
                  gateway     http://127.0.0.1:40123   (Mem0-compatible API)
                  metrics     http://127.0.0.1:40200/q/metrics   (the gateway's Prometheus metrics)
                  worker-1    http://127.0.0.1:40124   (/q/health; metrics on its management port)
                  kafka       127.0.0.1:40125   (topic engram.ingest, dead letters engram.ingest.dlq)
                  qdrant      127.0.0.1:40126   (gRPC; an emulator, not a production index)
                  data        postgres /tmp/engram-postgres1/data kafka /tmp/engram-kafka2/data apps /tmp/w/data
                  admin key   k   (send it as 'Authorization: Token <key>')
                """;
        assertThat(LocalStackPlatform.Endpoints.parse(starting)).isNull();
        assertThat(LocalStackPlatform.Endpoints.parse(summary.replace("  metrics", "  other"))).isNull();
        var e = LocalStackPlatform.Endpoints.parse(summary);
        assertThat(e.api()).hasToString("http://127.0.0.1:40123");
        assertThat(e.metrics()).hasToString("http://127.0.0.1:40200/q/metrics");
        assertThat(e.qdrantHost()).isEqualTo("127.0.0.1");
        assertThat(e.qdrantPort()).isEqualTo(40126);
        assertThat(e.postgresData()).isEqualTo(Path.of("/tmp/engram-postgres1/data"));
        assertThat(e.kafkaData()).isEqualTo(Path.of("/tmp/engram-kafka2/data"));
        assertThat(e.appsData()).isEqualTo(Path.of("/tmp/w/data"));
    }

    @Test
    void stackProcessesAreToldApartByTheirCommandLines() {
        assertThat(LocalStackPlatform.part("/usr/bin/java -Xmx768m -jar /r/api-gateway/target/quarkus-app/quarkus-run.jar")).isEqualTo("gateway");
        assertThat(LocalStackPlatform.part("/usr/bin/java -Xmx768m -jar /r/ingest-worker/target/quarkus-app/quarkus-run.jar")).isEqualTo("workers");
        assertThat(LocalStackPlatform.part("java -cp a:lib/* dev.engram.testing.kafka.KafkaBrokerMain /w/kafka.properties")).isEqualTo("kafka");
        assertThat(LocalStackPlatform.part("java -cp x dev.engram.testing.qdrant.QdrantEmulator 40126")).isEqualTo("qdrant");
        assertThat(LocalStackPlatform.part("/usr/lib/postgresql/17/bin/postgres -D /w/data/postgres")).isEqualTo("postgres");
        assertThat(LocalStackPlatform.part("postgres: checkpointer ")).isEqualTo("postgres");
        assertThat(LocalStackPlatform.part("bash /r/deploy/local-stack.sh --work-dir /w")).isNull();
    }

    @Test
    void reportOfAStackRunLeavesOutWhatItDoesNotMeasure() {
        Map<String, Object> stats = Map.of("p50_ms", 1.0, "p95_ms", 2.0, "p99_ms", 3.0);
        Map<String, Object> sizes = Map.of("memories", 10, "total_bytes", 1_000_000, "bytes_per_memory", 100_000.0,
                "bytes_per_memory_beyond_text", 99_000.0, "by_entry", Map.of("postgres", 1_000_000));
        Map<String, Object> run = new java.util.LinkedHashMap<>();
        run.put("platform", "stack");
        run.put("settings", Map.of("memories", 10, "users", 1, "top_k", 10));
        run.put("levels", List.of(Map.of("concurrency", 1, "search", stats, "search_server", stats, "add_verbatim", stats,
                "ingest_to_searchable", stats, "inferred", Map.of("ack", stats, "processed_per_s", 5.0))));
        run.put("load", Map.of("concurrency", 8, "memories_per_s", 50.0, "seconds", 0.2));
        run.put("data_dir", Map.of("after_load_running", sizes, "after_run_running", sizes));
        run.put("rss_bytes", Map.of("after_load", Map.of("gateway", 1), "after_measurement", Map.of("gateway", 1)));
        run.put("floor", Map.of("embedder", "m", "encoding", "Qdrant", "query_embedding", stats, "index_lookup", stats));
        run.put("first_start_empty_seconds", 40.0);
        run.put("errors", Map.of("count", 0));

        String md = HttpReport.markdown(run);
        assertThat(md).startsWith("the distributed platform (`./engram stack`): 10 memories");
        assertThat(md).contains("data directories after the run (running, 10 memories)", "first start of `./engram stack`",
                "search p95 at concurrency 1 ÷ floor p95 (embedding + lookup, 4.00 ms) | 0.50×");
        assertThat(md).doesNotContain("start-up with the data present", "(stopped,");
    }

    @Test
    void soakMixCoversEveryOperationInItsShare() {
        Map<String, Long> counts = IntStream.range(0, 100).mapToObj(SoakBenchmark::pickOperation)
                .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.stream.Collectors.counting()));
        assertThat(counts).containsEntry("search", 40L).containsEntry("add", 20L).containsEntry("get", 15L)
                .containsEntry("list", 10L).containsEntry("update", 10L).containsEntry("delete", 5L);
        assertThatThrownBy(() -> SoakBenchmark.pickOperation(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prometheusTimerIsParsedAndItsMeanTakenBetweenScrapes() {
        String before = """
                # TYPE engram_memory_search_seconds summary
                engram_memory_search_seconds{quantile="0.5",} 0.002
                engram_memory_search_seconds_count 10.0
                engram_memory_search_seconds_sum 0.05
                engram_memory_search_seconds_max 0.01
                """;
        String after = """
                engram_memory_search_seconds{quantile="0.5",} 0.003
                engram_memory_search_seconds{quantile="0.95",} 0.008
                engram_memory_search_seconds_count 30.0
                engram_memory_search_seconds_sum 0.13
                engram_memory_add_seconds_count 99.0
                """;
        ServerTimer a = ServerTimer.parse(before, "engram_memory_search_seconds"), b = ServerTimer.parse(after, "engram_memory_search_seconds");

        assertThat(b.meanMsSince(a)).isCloseTo(4.0, within(1e-9)); // (0.13 - 0.05) s / 20
        assertThat(b.quantileMs(0.5)).isCloseTo(3.0, within(1e-9));
        assertThat(b.quantileMs(0.99)).isNaN();
        assertThat(ServerTimer.parse("other 1\n", "engram_memory_search_seconds")).isEqualTo(ServerTimer.NONE);
        assertThat(ServerTimer.parse(null, "x")).isEqualTo(ServerTimer.NONE);
    }

    @Test
    void procStatusLineAndFirstPersonMessages() {
        assertThat(StandalonePlatform.parseKb("VmRSS:\t  123456 kB")).isEqualTo(123_456L);
        assertThat(StandalonePlatform.rssBytes(ProcessHandle.current().pid())).isGreaterThan(1_000_000L);
        assertThat(FirstPerson.of("Lives in Berlin since May 2021")).isEqualTo("I live in Berlin since May 2021.");
        assertThat(FirstPerson.of("Is allergic to pollen, diagnosed in 2020")).isEqualTo("I am allergic to pollen, diagnosed in 2020.");
        assertThat(FirstPerson.of("2021年3月养了一只叫豆豆的猫")).isEqualTo("我2021年3月养了一只叫豆豆的猫");
    }

    @Test
    void soakIsFlatWhenTheLastMinutesMatchTheFirstAndNotWhenLatencyOrMemoryGrows() {
        assertThat(SoakVerdict.windowMinutes(30)).isEqualTo(5);
        assertThat(SoakVerdict.windowMinutes(3)).isEqualTo(1);
        assertThat(SoakVerdict.windowMinutes(1)).isEqualTo(1);

        List<Map<String, LatencyStats>> steady = IntStream.range(0, 15).mapToObj(m -> minute(10, 20)).toList();
        List<Long> rss = IntStream.range(0, 15).mapToObj(m -> 500_000_000L + m * 1_000_000L).toList();
        SoakVerdict flat = SoakVerdict.of(steady, rss);
        assertThat(flat.flat()).isTrue();
        assertThat(flat.windowMinutes()).isEqualTo(5);
        assertThat(flat.p50Ratios().get("search")).isCloseTo(1.0, within(1e-9));
        assertThat(flat.rssRatio()).isCloseTo(510.0 / 500.0, within(1e-3)); // minutes 11-15 vs 1-5

        List<Map<String, LatencyStats>> slower = IntStream.range(0, 15).mapToObj(m -> m < 10 ? minute(10, 20) : minute(30, 20)).toList();
        assertThat(SoakVerdict.of(slower, rss).reasons()).anyMatch(r -> r.startsWith("search p50 grew 3.00×"));

        List<Long> leaking = IntStream.range(0, 15).mapToObj(m -> 500_000_000L + m * 50_000_000L).toList();
        assertThat(SoakVerdict.of(steady, leaking).reasons()).anyMatch(r -> r.startsWith("resident memory grew"));
    }

    /** A minute whose searches take {@code searchMs} and adds {@code addMs}, 100 of each. */
    private static Map<String, LatencyStats> minute(int searchMs, int addMs) {
        var search = new LatencyStats(100);
        var add = new LatencyStats(100);
        for (int i = 0; i < 100; i++) {
            search.record(searchMs * 1_000_000L);
            add.record(addMs * 1_000_000L);
        }
        return new java.util.LinkedHashMap<>(Map.of("search", search, "add", add));
    }
}
