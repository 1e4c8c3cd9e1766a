package dev.engram.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.testing.stack.LocalStack;
import dev.engram.testing.stack.ManagedProcess.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed platform end to end, each part its own process: adds go through the gateway to Kafka (4 partitions),
 * two ingest-workers extract and store them in PostgreSQL and the Qdrant emulator. Worker 1 is killed with SIGKILL while
 * adds are in flight; worker 2 must take over its partitions (after the 6 s Kafka session timeout) and finish every
 * acknowledged add (checked on the consumer group: 2 members sharing the 4 partitions before the kill, then worker 2
 * alone holding all 4). Worker 1 then restarts and rejoins (2 members again) for a last batch. In the end every acknowledged add is one memory,
 * listed once (PostgreSQL) and found by search (Qdrant): nothing lost, nothing duplicated.
 *
 * <p>Each add is the only message of its own user ({@code user-<i>}: "My badge id is X-<i>", which the offline extractor
 * turns into exactly one fact, "User's badge id is X-<i>"), so reconciliation never merges two of them and the users'
 * ordering keys spread the records over every partition.
 */
class DistributedStackIT {

    private static final int BEFORE_KILL = 40;
    private static final int WHILE_DOWN = 80;
    private static final int AFTER_RESTART = 30;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final String ORG = "e2e";
    private static final String PROJECT = "stack";
    private static final String WORKER_GROUP = "engram-ingest-worker";

    private static LocalStack stack;
    private static Gateway gateway;
    private static final Map<String, Double> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() {
        long t = System.nanoTime();
        String workDir = System.getProperty("engram.stack.work-dir");
        LocalStack.Builder builder = LocalStack.builder().workers(2);
        if (workDir != null) builder.workDirectory(Path.of(workDir));
        stack = builder.start();
        timings.put("stack start", seconds(t));
        gateway = new Gateway(stack.gatewayUrl(), stack.adminApiKey());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) stack.close();
        StringBuilder line = new StringBuilder("DistributedStackIT timings:");
        timings.forEach((what, s) -> line.append(String.format(" %s %.1f s;", what, s)));
        System.out.println(line);
    }

    @Test
    void everyAcknowledgedAddIsStoredExactlyOnceThroughAWorkerCrashAndRestart() {
        Gateway tenant = gateway.as(newProjectKey());
        Map<Integer, String> acknowledged = new LinkedHashMap<>();

        long t = System.nanoTime();
        awaitGroup(2);
        timings.put("group of 2 formed", seconds(t));

        t = System.nanoTime();
        addRange(tenant, 0, BEFORE_KILL, acknowledged);
        stack.kill(1, Signal.KILL);
        assertThat(stack.isWorkerRunning(1)).isFalse();
        addRange(tenant, BEFORE_KILL, BEFORE_KILL + WHILE_DOWN, acknowledged);
        timings.put("adds with worker 1 killed", seconds(t));

        t = System.nanoTime();
        awaitSucceeded(tenant, acknowledged);
        timings.put("drain by worker 2 alone", seconds(t));
        assertThat(partitionsPerMember()).as("worker 2 alone holds every partition").containsExactly(LocalStack.DEFAULT_PARTITIONS);

        t = System.nanoTime();
        stack.restartWorker(1);
        awaitGroup(2);
        timings.put("worker 1 restart and rejoin", seconds(t));
        t = System.nanoTime();
        int total = BEFORE_KILL + WHILE_DOWN + AFTER_RESTART;
        addRange(tenant, BEFORE_KILL + WHILE_DOWN, total, acknowledged);
        awaitSucceeded(tenant, acknowledged);
        timings.put("adds and drain after the restart", seconds(t));

        assertThat(acknowledged).as("the gateway acknowledges every add: a worker crash does not reach it").hasSize(total);
        assertThat(recordsPerPartition()).as("the users' ordering keys spread the adds over every partition")
                .hasSize(LocalStack.DEFAULT_PARTITIONS).allSatisfy(n -> assertThat(n).isPositive());

        t = System.nanoTime();
        Set<String> memoryIds = new HashSet<>();
        for (int i : acknowledged.keySet()) {
            String expected = "User's badge id is X-" + i;
            JsonNode listed = tenant.get("/v1/memories/?user_id=" + Gateway.encode(user(i))).expect(200).body();
            assertThat(listed).as("memories of %s", user(i)).hasSize(1);
            String id = listed.get(0).get("id").asText();
            assertThat(listed.get(0).get("memory").asText()).isEqualTo(expected);
            assertThat(memoryIds.add(id)).as("memory %s belongs to one add only", id).isTrue();

            JsonNode event = tenant.get("/v1/event/" + acknowledged.get(i) + "/").expect(200).body();
            assertThat(event.get("results")).as("results of the add for %s", user(i)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("id").asText()).isEqualTo(id));

            JsonNode found = tenant.post("/v1/memories/search/", Map.of("query", "badge id X-" + i, "user_id", user(i)))
                    .expect(200).body();
            assertThat(found).as("search for %s", user(i)).hasSize(1);
            assertThat(found.get(0).get("id").asText()).isEqualTo(id);
        }
        timings.put("verification", seconds(t));
        assertThat(memoryIds).hasSize(total);
    }

    /** Creates a project and a read/write key for it through the admin API; returns the key. */
    private static String newProjectKey() {
        gateway.post("/api/v1/admin/projects/", Map.of("org_id", ORG, "project_id", PROJECT, "name", "end-to-end")).expect(201);
        return gateway.post("/api/v1/admin/keys/", Map.of("org_id", ORG, "project_id", PROJECT, "name", "e2e",
                "scopes", List.of("read", "write"))).expect(201).body().get("key").asText();
    }

    /** Adds "My badge id is X-i" for user-i, i in [from, to), and records the event id of every acknowledged add. */
    private static void addRange(Gateway tenant, int from, int to, Map<Integer, String> acknowledged) {
        for (int i = from; i < to; i++) {
            Gateway.Reply reply = tenant.post("/v3/memories/add/", Map.of(
                    "messages", List.of(Map.of("role", "user", "content", "My badge id is X-" + i)),
                    "user_id", user(i), "infer", true));
            if (reply.status() == 200 && "PENDING".equals(reply.body().path("status").asText())) {
                acknowledged.put(i, reply.body().get("event_id").asText());
            }
        }
    }

    /** Polls the events until every acknowledged one SUCCEEDED; fails on a FAILED event or after the drain timeout. */
    private static void awaitSucceeded(Gateway tenant, Map<Integer, String> acknowledged) {
        List<String> waiting = new ArrayList<>(acknowledged.values());
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        Map<String, String> lastStatus = new LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                String eventId = it.next();
                JsonNode event = tenant.get("/v1/event/" + eventId + "/").expect(200).body();
                String status = event.get("status").asText();
                assertThat(status).as("event %s: %s", eventId, event.path("error").asText()).isNotEqualTo("FAILED");
                lastStatus.put(eventId, status);
                if (status.equals("SUCCEEDED")) it.remove();
            }
            if (waiting.isEmpty()) break;
            if (System.nanoTime() > deadline) {
                Map<String, String> stuck = new LinkedHashMap<>();
                waiting.forEach(id -> stuck.put(id, lastStatus.get(id)));
                throw new AssertionError(waiting.size() + " acknowledged adds did not succeed within " + DRAIN_TIMEOUT.toSeconds()
                        + " s: " + stuck + System.lineSeparator() + stack.diagnostics());
            }
            sleep(500);
        }
    }

    /**
     * Waits (60 s at most) until the workers' consumer group has {@code members} members sharing every partition, each
     * holding at least one: only then does a killed worker take work away with it.
     */
    private static void awaitGroup(int members) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Integer> assignment = partitionsPerMember();
        while (!(assignment.size() == members && assignment.stream().allMatch(n -> n > 0)
                && assignment.stream().mapToInt(Integer::intValue).sum() == LocalStack.DEFAULT_PARTITIONS)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the consumer group did not settle on " + members + " members sharing "
                        + LocalStack.DEFAULT_PARTITIONS + " partitions: partitions per member " + assignment
                        + System.lineSeparator() + stack.diagnostics());
            }
            sleep(250);
            assignment = partitionsPerMember();
        }
    }

    /** The number of ingest partitions each member of the workers' consumer group holds. */
    private static List<Integer> partitionsPerMember() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(WORKER_GROUP)).all()
                    .get(10, TimeUnit.SECONDS).get(WORKER_GROUP);
            return group.members().stream().map(m -> m.assignment().topicPartitions().size()).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot describe the consumer group " + WORKER_GROUP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** How many records each partition of the ingest topic holds. */
    private static List<Long> recordsPerPartition() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = IntStream.range(0, LocalStack.DEFAULT_PARTITIONS)
                    .mapToObj(p -> new TopicPartition(LocalStack.TOPIC, p)).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return partitions.stream().map(p -> end.get(p) - begin.get(p)).toList();
        }
    }

    private static String user(int i) {
        return "user-" + i;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
