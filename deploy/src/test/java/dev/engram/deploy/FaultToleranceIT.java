package dev.engram.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.testing.stack.LocalStack;
import dev.engram.testing.stack.LocalStack.Dependency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults survived on the distributed platform (issue 10, part 3): while adds flow through the gateway (HTTP, API key), the
 * Kafka broker, then PostgreSQL, then the Qdrant emulator are killed, left down for {@link #OUTAGE}, and started again on
 * the same port and data, one at a time. No app process is restarted.
 *
 * <ul>
 *   <li>While a dependency is down, every add answers either 200 PENDING (the path does not need it, or it came back in
 *       time) or 503 {@code application/problem+json} with {@code Retry-After}, and every search (one per four adds)
 *       either 200 or that 503; never a 500, another status, or no answer.</li>
 *   <li>After each restart the platform recovers by itself: adds are acknowledged again within {@link #RECOVERY}. The
 *       gateway's readiness probe reports DOWN while PostgreSQL (its store) is down and UP once it is back.</li>
 *   <li>In the end every acknowledged add (200 with an event id) reached SUCCEEDED and is exactly one memory, listed
 *       (PostgreSQL) and found by search (Qdrant); an add answered 503 is stored at most once.</li>
 * </ul>
 *
 * <p>Each add is the only message of its own user ({@code fault-<i>}, "My badge id is X-i"), as in
 * {@link DistributedStackIT}, so one add is one memory and reconciliation never merges two of them.
 */
class FaultToleranceIT {

    /** How long each dependency stays down while adds keep coming. */
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    /** How long the platform may take to acknowledge adds again after a restart. */
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    /** Acknowledged adds needed before the first fault and after each restart. */
    private static final int ACKNOWLEDGED_PER_PHASE = 5;

    private static LocalStack stack;
    private static Gateway tenant;
    private static final Map<String, Double> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() {
        long t = System.nanoTime();
        String workDir = System.getProperty("engram.stack.work-dir");
        LocalStack.Builder builder = LocalStack.builder().workers(1);
        if (workDir != null) builder.workDirectory(Path.of(workDir + "-faults"));
        stack = builder.start();
        timings.put("stack start", seconds(t));
        Gateway admin = new Gateway(stack.gatewayUrl(), stack.adminApiKey());
        admin.post("/api/v1/admin/projects/", Map.of("org_id", "faults", "project_id", "faults", "name", "fault tolerance")).expect(201);
        String key = admin.post("/api/v1/admin/keys/", Map.of("org_id", "faults", "project_id", "faults", "name", "faults",
                "scopes", List.of("read", "write"))).expect(201).body().get("key").asText();
        tenant = admin.as(key);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) stack.close();
        StringBuilder line = new StringBuilder("FaultToleranceIT timings:");
        timings.forEach((what, s) -> line.append(String.format(" %s %.1f s;", what, s)));
        System.out.println(line);
    }

    @Test
    void everyAcknowledgedAddIsStoredExactlyOnceThroughRestartsOfKafkaPostgresAndQdrant() throws Exception {
        Load load = new Load(tenant);
        Thread sender = Thread.ofPlatform().name("fault-load").start(load);
        try {
            long t = System.nanoTime();
            await("adds acknowledged before any fault", RECOVERY, () -> load.acknowledgedFrom(0) >= ACKNOWLEDGED_PER_PHASE, load);
            timings.put("first adds", seconds(t));
            for (Dependency dependency : Dependency.values()) {
                t = System.nanoTime();
                load.phase(dependency + " down");
                long down = System.nanoTime();
                stack.kill(dependency);
                if (dependency == Dependency.POSTGRES) {
                    await("gateway readiness DOWN without its store", RECOVERY, () -> readiness() == 503, load);
                }
                // the fault's length, not a wait for a result: adds keep coming meanwhile
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
                stack.restart(dependency);
                int since = load.phase("after " + dependency + " restart");
                if (dependency == Dependency.POSTGRES) {
                    await("gateway readiness UP again", RECOVERY, () -> readiness() == 200, load);
                }
                await("adds acknowledged again after the restart of " + dependency, RECOVERY,
                        () -> load.acknowledgedFrom(since) >= ACKNOWLEDGED_PER_PHASE, load);
                timings.put(dependency + " outage and recovery", seconds(t));
            }
        } finally {
            load.stop();
            sender.join(Duration.ofSeconds(40).toMillis());
        }
        System.out.println("FaultToleranceIT answers by phase: " + load.statusesByPhase);
        assertThat(load.violations).as("answers that are neither 200 PENDING nor 503 problem+json with Retry-After").isEmpty();

        long t = System.nanoTime();
        Map<Integer, String> acknowledged = new TreeMap<>(load.acknowledged);
        awaitSucceeded(acknowledged);
        timings.put("drain", seconds(t));

        t = System.nanoTime();
        Set<String> memoryIds = new HashSet<>();
        for (var add : acknowledged.entrySet()) {
            int i = add.getKey();
            JsonNode listed = tenant.get("/v1/memories/?user_id=" + Gateway.encode(user(i))).expect(200).body();
            assertThat(listed).as("memories of %s (acknowledged add, event %s)", user(i), add.getValue()).hasSize(1);
            String id = listed.get(0).get("id").asText();
            assertThat(listed.get(0).get("memory").asText()).isEqualTo("User's badge id is X-" + i);
            assertThat(memoryIds.add(id)).as("memory %s belongs to one add only", id).isTrue();

            JsonNode found = tenant.post("/v1/memories/search/", Map.of("query", "badge id X-" + i, "user_id", user(i)))
                    .expect(200).body();
            assertThat(found).as("search for %s", user(i)).hasSize(1);
            assertThat(found.get(0).get("id").asText()).isEqualTo(id);
        }
        for (int i : load.refused) {
            JsonNode listed = tenant.get("/v1/memories/?user_id=" + Gateway.encode(user(i))).expect(200).body();
            assertThat(listed.size()).as("memories of %s (add answered 503): stored at most once", user(i)).isLessThanOrEqualTo(1);
        }
        timings.put("verification", seconds(t));
        assertThat(memoryIds).hasSize(acknowledged.size());
        System.out.println("FaultToleranceIT: " + acknowledged.size() + " adds acknowledged and stored once, "
                + load.refused.size() + " answered 503");
    }

    /**
     * Sends adds one after the other until stopped, each for a user of its own, and sorts the answers: acknowledged
     * (200 PENDING with an event id), refused (503 problem+json with Retry-After), or a violation (anything else).
     */
    private static final class Load implements Runnable {

        private final Gateway gateway;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean running = true;
        private volatile String phase = "before faults";
        final Map<Integer, String> acknowledged = new ConcurrentSkipListMap<>();
        final List<Integer> refused = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        /** Per phase, how many answers of each kind ("add 200", "search 503", ...). */
        final Map<String, Map<String, Integer>> statusesByPhase = new ConcurrentHashMap<>();

        Load(Gateway gateway) {
            this.gateway = gateway;
        }

        /** Starts a new phase; returns the index of the first add sent in it. */
        int phase(String name) {
            phase = name;
            return next.get();
        }

        /** Acknowledged adds with an index of at least {@code from}. */
        int acknowledgedFrom(int from) {
            return acknowledged.keySet().stream().mapToInt(i -> i >= from ? 1 : 0).sum();
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                int i = next.getAndIncrement();
                String during = phase;
                Gateway.Reply reply;
                try {
                    reply = gateway.post("/v3/memories/add/", Map.of(
                            "messages", List.of(Map.of("role", "user", "content", "My badge id is X-" + i)),
                            "user_id", user(i), "infer", true));
                } catch (RuntimeException e) {
                    violations.add(during + ": add " + i + " got no answer: " + e);
                    continue;
                }
                count(during, "add", reply);
                if (reply.status() == 200 && "PENDING".equals(reply.body().path("status").asText())
                        && !reply.body().path("event_id").asText().isEmpty()) {
                    acknowledged.put(i, reply.body().get("event_id").asText());
                } else if (isUnavailable(reply)) {
                    refused.add(i);
                } else {
                    violations.add(during + ": add " + i + " answered " + reply.status() + " " + reply.headers().map() + " " + reply.body());
                }
                if (i % 4 == 3) search(i - 1, during);
                pause(50); // a steady flow, not a flood: the two shared cores also run the stack
            }
        }

        /** A search as clients send them: 200 with a list, or 503 problem+json with Retry-After while a backend is down. */
        private void search(int i, String during) {
            Gateway.Reply reply;
            try {
                reply = gateway.post("/v1/memories/search/", Map.of("query", "badge id X-" + i, "user_id", user(i)));
            } catch (RuntimeException e) {
                violations.add(during + ": search " + i + " got no answer: " + e);
                return;
            }
            count(during, "search", reply);
            if (!(reply.status() == 200 && reply.body() != null && reply.body().isArray()) && !isUnavailable(reply)) {
                violations.add(during + ": search " + i + " answered " + reply.status() + " " + reply.headers().map() + " " + reply.body());
            }
        }

        private void count(String during, String route, Gateway.Reply reply) {
            statusesByPhase.computeIfAbsent(during, p -> new ConcurrentSkipListMap<>()).merge(route + " " + reply.status(), 1, Integer::sum);
        }

        private static boolean isUnavailable(Gateway.Reply reply) {
            return reply.status() == 503 && String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
                    && reply.body() != null && reply.body().path("status").asInt() == 503 && reply.header("Retry-After") != null;
        }
    }

    /**
     * Polls the events until every acknowledged one SUCCEEDED; fails on a FAILED event or after the drain timeout. An add
     * acknowledged while PostgreSQL failed has no event record until a worker processes it (the gateway tolerates that
     * write failing: Kafka holds the add), so a 404 means "not yet", and only the timeout ends the wait for it.
     */
    private static void awaitSucceeded(Map<Integer, String> acknowledged) {
        List<String> waiting = new ArrayList<>(acknowledged.values());
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        Map<String, String> lastStatus = new LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                String eventId = it.next();
                Gateway.Reply reply = tenant.get("/v1/event/" + eventId + "/");
                if (reply.status() == 404) { // acknowledged while PostgreSQL failed: recorded when a worker processes it
                    lastStatus.put(eventId, "not recorded yet");
                    continue;
                }
                JsonNode event = reply.expect(200).body();
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
            pause(500);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition, Load load) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; answers by phase "
                        + load.statusesByPhase + "; violations " + load.violations + System.lineSeparator() + stack.diagnostics());
            }
            pause(200);
        }
    }

    /** The status of the gateway's readiness probe ({@code /q/health/ready}): 200 UP, 503 DOWN. */
    private static int readiness() {
        return tenant.get("/q/health/ready").status();
    }

    private static String user(int i) {
        return "fault-" + i;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
