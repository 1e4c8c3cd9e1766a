package dev.engram.testing.stack;

import dev.engram.testing.kafka.KafkaBroker;
import dev.engram.testing.postgres.PostgresServer;
import dev.engram.testing.process.FreePorts;
import dev.engram.testing.process.StopOnce;
import dev.engram.testing.process.WorkDirectory;
import dev.engram.testing.qdrant.QdrantEmulator;
import dev.engram.testing.stack.ManagedProcess.Signal;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The distributed Engram platform on one machine, without Docker, for end-to-end tests and {@code deploy/local-stack.sh}:
 * a Kafka broker, a PostgreSQL server, the {@link QdrantEmulator} (its own process; an emulator, not a production index),
 * one api-gateway and N ingest-workers (default 2), and optionally the dashboard-backend, each app a separate JVM started
 * from its Quarkus fast-jar. Everything binds 127.0.0.1 on free ports.
 *
 * <p>The apps run the distributed configuration of the platform's configuration contract: PostgreSQL as the system of record
 * ({@code ENGRAM_STORAGE_KIND=POSTGRES}), Qdrant as the index ({@code ENGRAM_INDEX_KIND=QDRANT}) and Kafka between the
 * gateway and the workers ({@code ENGRAM_INGEST_KIND=KAFKA}); the ingest topic has {@value #DEFAULT_PARTITIONS}
 * partitions and exists before the apps start. The schema is migrated first by a one-off ingest-worker with
 * {@code ENGRAM_MIGRATE_ONLY=true}, as the Helm hook Job does. Each app has its own data directory under
 * {@code <work-dir>/data/<name>} and logs to {@code <work-dir>/logs/<name>.log}. The workers' Kafka session timeout is
 * 6 s (the broker's minimum), so the other workers take over a killed worker's partitions within seconds.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().workers(2).start()) {
 *     ... stack.gatewayUrl(), stack.adminApiKey() ...
 *     stack.kill(1, Signal.KILL);
 *     stack.restartWorker(1);
 * }
 * }</pre>
 *
 * <p>Workers are numbered from 1. {@link #close()} stops the apps (SIGTERM), the emulator, Kafka and PostgreSQL; a
 * shutdown hook does the same when the JVM exits first. If this JVM is killed with SIGKILL, the emulator and Kafka stop
 * by themselves (they watch their stdin), but PostgreSQL and the app JVMs keep running: the apps' pids are in
 * {@code <work-dir>/pids}.
 */
public final class LocalStack implements AutoCloseable {

    public static final int DEFAULT_PARTITIONS = 4;
    public static final String TOPIC = "engram.ingest.v1";
    public static final String DEAD_LETTER_TOPIC = "engram.ingest.v1.dlq";
    /** Usage events of the gateway and the workers (the dashboard's analytics). */
    public static final String USAGE_TOPIC = "engram.usage.v1";
    public static final String DATABASE = "engram";
    /** The realm of {@code deploy/keycloak/engram-realm.json}. */
    public static final String REALM = "engram";
    /** The flags every app JVM needs (platform contract). */
    private static final SecureRandom RANDOM = new SecureRandom();
    static final List<String> APP_JVM_FLAGS = List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");

    private final Builder options;
    private final Path workDirectory;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final ManagedProcess qdrant;
    private final int qdrantPort;
    private final App gateway;
    private final List<App> workers;
    private final App dashboard;
    private final StackKeycloak keycloak;
    private final StopOnce stopper;

    /** One app process, the HTTP port it serves and its management (metrics) port. */
    record App(ManagedProcess process, int port, int managementPort) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private LocalStack(Builder options, Path workDirectory, KafkaBroker kafka, PostgresServer postgres, ManagedProcess qdrant,
                       int qdrantPort, App gateway, List<App> workers, App dashboard, StackKeycloak keycloak) {
        this.options = options;
        this.workDirectory = workDirectory;
        this.kafka = kafka;
        this.postgres = postgres;
        this.qdrant = qdrant;
        this.qdrantPort = qdrantPort;
        this.gateway = gateway;
        this.workers = workers;
        this.dashboard = dashboard;
        this.keycloak = keycloak;
        this.stopper = new StopOnce("local-stack", this::stop);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The gateway's base URL, without a trailing slash: {@code http://127.0.0.1:<port>}. */
    public String gatewayUrl() {
        return gateway.url();
    }

    /** The gateway's Prometheus metrics ({@code /q/metrics} on its management port). */
    public String gatewayMetricsUrl() {
        return "http://127.0.0.1:" + gateway.managementPort() + "/q/metrics";
    }

    /** The base URL of worker {@code n} (1-based): its health and metrics endpoints. */
    public String workerUrl(int n) {
        return worker(n).url();
    }

    /** The dashboard-backend's base URL; fails if the stack runs without it. */
    public String dashboardUrl() {
        if (dashboard == null) throw new IllegalStateException("this stack runs without the dashboard-backend");
        return dashboard.url();
    }

    public boolean hasDashboard() {
        return dashboard != null;
    }

    public boolean hasKeycloak() {
        return keycloak != null;
    }

    /** The issuer URL of the engram realm ({@code http://127.0.0.1:<port>/realms/engram}); fails without Keycloak. */
    public String keycloakRealmUrl() {
        return requireKeycloak().realmUrl();
    }

    /** The password of Keycloak's bootstrap administrator {@code admin}. */
    public String keycloakAdminPassword() {
        return requireKeycloak().adminPassword();
    }

    private StackKeycloak requireKeycloak() {
        if (keycloak == null) throw new IllegalStateException("this stack runs without Keycloak");
        return keycloak;
    }

    /** The gateway's bootstrap admin key ({@code ENGRAM_BOOTSTRAP_API_KEY}); send it as {@code Authorization: Token <key>}. */
    public String adminApiKey() {
        return options.adminApiKey;
    }

    public int workerCount() {
        return workers.size();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** PostgreSQL's data directory (outside the work directory: a temporary one handed to the server's user). */
    public Path postgresDataDirectory() {
        return postgres.dataDirectory();
    }

    /** Kafka's log directory (outside the work directory, in a temporary one). */
    public Path kafkaDataDirectory() {
        return kafka.dataDirectory();
    }

    public String qdrantAddress() {
        return "127.0.0.1:" + qdrantPort;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /** Every process's log file by name (qdrant, migrate, gateway, worker-1, ...). */
    public Map<String, Path> logs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        logs.put(qdrant.name(), qdrant.log());
        logs.put("migrate", workDirectory.resolve("logs/migrate.log"));
        logs.put(gateway.process().name(), gateway.process().log());
        workers.forEach(w -> logs.put(w.process().name(), w.process().log()));
        if (dashboard != null) logs.put(dashboard.process().name(), dashboard.process().log());
        if (keycloak != null) logs.put(keycloak.process().name(), keycloak.process().log());
        return logs;
    }

    /** Sends {@code signal} to worker {@code n} (1-based) and waits until its process has ended. */
    public void kill(int n, Signal signal) {
        worker(n).process().signal(signal);
    }

    public boolean isWorkerRunning(int n) {
        return worker(n).process().isAlive();
    }

    /**
     * Starts worker {@code n} (1-based) again, with the same data directory, port and log (appended), stopping it first
     * (SIGTERM) if it still runs; returns once it is ready.
     */
    public void restartWorker(int n) {
        App worker = worker(n);
        worker.process().signal(Signal.TERM);
        worker.process().start();
        Readiness.awaitHealthy(List.of(worker.process()), List.of(worker.url()), options.readyTimeout);
    }

    /** The stack's backing services, which a fault test may stop and start again. */
    public enum Dependency {
        /** The Kafka broker between the gateway and the workers. */
        KAFKA,
        /** PostgreSQL, the system of record (memories, events, API keys). */
        POSTGRES,
        /** The Qdrant emulator, the index (it keeps its points in {@code <work-dir>/data/qdrant/index} across restarts). */
        QDRANT
    }

    /**
     * Stops {@code dependency} at once, as a crash would (SIGKILL for Kafka and the emulator, {@code pg_ctl stop -m
     * immediate} for PostgreSQL), keeping its port and data; the apps keep running and must cope.
     */
    public void kill(Dependency dependency) {
        switch (dependency) {
            case KAFKA -> kafka.kill();
            case POSTGRES -> postgres.kill();
            case QDRANT -> qdrant.signal(Signal.KILL);
        }
    }

    /** Starts {@code dependency} again on the same port and data (stopping it first if it runs); returns once it serves. */
    public void restart(Dependency dependency) {
        switch (dependency) {
            case KAFKA -> kafka.restart();
            case POSTGRES -> postgres.restart();
            case QDRANT -> {
                qdrant.signal(Signal.KILL);
                qdrant.start();
                Readiness.awaitListening(qdrant, qdrantPort, Duration.ofSeconds(60));
            }
        }
    }

    /** The last lines of every app's log, for a failing test's message. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        List<App> apps = new ArrayList<>(List.of(gateway));
        apps.addAll(workers);
        for (App app : apps) out.append(app.process().logTail(40)).append(System.lineSeparator());
        return out.toString();
    }

    /** Stops the apps (SIGTERM, in parallel), the Qdrant emulator, Kafka and PostgreSQL. */
    @Override
    public void close() {
        stopper.close();
    }

    private void stop() {
        List<ManagedProcess> apps = new ArrayList<>();
        if (dashboard != null) apps.add(dashboard.process());
        apps.add(gateway.process());
        workers.forEach(w -> apps.add(w.process()));
        stopAll(apps);
        if (keycloak != null) keycloak.process().signal(Signal.TERM);
        qdrant.signal(Signal.KILL); // every write is in its journal already: nothing to shut down gracefully
        kafka.close();
        postgres.close();
        // A directory the caller chose keeps its logs for them; a temporary one goes with the stack.
        if (options.workDirectory == null) WorkDirectory.delete(workDirectory);
    }

    private static void stopAll(List<ManagedProcess> processes) {
        List<Thread> stoppers = processes.stream()
                .map(p -> Thread.ofVirtual().start(() -> p.signal(Signal.TERM))).toList();
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private App worker(int n) {
        if (n < 1 || n > workers.size()) {
            throw new IllegalArgumentException("workers are numbered 1 to " + workers.size() + ", got " + n);
        }
        return workers.get(n - 1);
    }

    /** Options of a stack; {@link #start()} starts it and returns once every app is ready. */
    public static final class Builder {

        private int workers = 2;
        private int partitions = DEFAULT_PARTITIONS;
        private boolean dashboard;
        private Path keycloakHome;
        private Path workDirectory;
        private Path repositoryRoot;
        private String adminApiKey = "engram-admin-" + randomHex(12);
        private Duration readyTimeout = Duration.ofSeconds(180);
        private String appHeap = "768m";
        private final Map<String, String> workerProperties = new LinkedHashMap<>(Map.of(
                // The broker's minimum: the group notices a killed worker after 6 s instead of 45 s.
                "kafka.session.timeout.ms", "6000",
                "kafka.heartbeat.interval.ms", "1000"));

        private Builder() {
        }

        /** Number of ingest-workers (default 2). */
        public Builder workers(int count) {
            if (count < 1) throw new IllegalArgumentException("at least one worker, got " + count);
            this.workers = count;
            return this;
        }

        /** Partitions of the ingest topic (default 4): how many workers can share the work. */
        public Builder partitions(int count) {
            if (count < 1) throw new IllegalArgumentException("at least one partition, got " + count);
            this.partitions = count;
            return this;
        }

        /** Also start the dashboard-backend (its fast-jar must have been built). */
        public Builder dashboard(boolean enabled) {
            this.dashboard = enabled;
            return this;
        }

        /**
         * Also start Keycloak from an unpacked distribution ({@code org.keycloak:keycloak-quarkus-dist}, 26.x) in dev mode,
         * with the engram realm of {@code deploy/keycloak/engram-realm.json} (copied into {@code <home>/data/import},
         * where Keycloak imports realms from), and point the gateway's OIDC tenant and the dashboard at it.
         */
        public Builder keycloak(Path home) {
            this.keycloakHome = home;
            return this;
        }

        /**
         * Where the apps' data directories and every log go, cleared at start and kept after {@link LocalStack#close()}
         * (default: a new temporary directory, deleted at close).
         */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        /**
         * The Engram checkout whose {@code <app>/target/quarkus-app/quarkus-run.jar} are started (default: the system
         * property {@code engram.repository.root}, else the nearest directory at or above the working directory holding
         * {@code api-gateway/} and {@code ingest-worker/}).
         */
        public Builder repositoryRoot(Path root) {
            this.repositoryRoot = root;
            return this;
        }

        /** The gateway's bootstrap admin key (default: a random one, see {@link LocalStack#adminApiKey()}). */
        public Builder adminApiKey(String key) {
            // the gateway's rule for ENGRAM_BOOTSTRAP_API_KEY, checked here so a bad key fails before anything starts
            if (key == null || !key.matches("[\\x21-\\x7e]{20,256}")) {
                throw new IllegalArgumentException("the admin key must be 20-256 printable characters without spaces");
            }
            this.adminApiKey = key;
            return this;
        }

        /** How long every app may take to answer {@code /q/health/ready} (default 180 s: 2 shared cores are slow). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** Maximum heap of each app JVM (default 768m). */
        public Builder appHeap(String heap) {
            this.appHeap = heap;
            return this;
        }

        /** A configuration property for every worker, as a JVM system property (e.g. {@code kafka.max.poll.records}). */
        public Builder workerProperty(String name, String value) {
            workerProperties.put(name, value);
            return this;
        }

        public LocalStack start() {
            Path root = repositoryRoot != null ? repositoryRoot : findRepositoryRoot();
            Path gatewayJar = fastJar(root, "api-gateway");
            Path workerJar = fastJar(root, "ingest-worker");
            Path dashboardJar = dashboard ? fastJar(root, "dashboard-backend") : null;
            if (dashboard && keycloakHome == null) {
                throw new IllegalStateException("the dashboard-backend signs users in through OIDC: start it with Keycloak");
            }
            if (keycloakHome != null && !Files.isExecutable(keycloakHome.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("no Keycloak distribution in " + keycloakHome + " (bin/kc.sh is missing): unpack "
                        + "org.keycloak:keycloak-quarkus-dist (zip) there");
            }
            Path work = prepareWorkDirectory();

            KafkaBroker kafka = null;
            PostgresServer postgres = null;
            ManagedProcess qdrant = null;
            StackKeycloak keycloak = null;
            List<ManagedProcess> started = new ArrayList<>();
            try {
                kafka = KafkaBroker.start();
                kafka.createTopic(TOPIC, partitions);
                kafka.createTopic(DEAD_LETTER_TOPIC, 1);
                kafka.createTopic(USAGE_TOPIC, 2);
                postgres = PostgresServer.start();
                postgres.createDatabase(DATABASE);

                int qdrantPort = FreePorts.find();
                qdrant = new ManagedProcess("qdrant", List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                        "-cp", absoluteClassPath(), QdrantEmulator.class.getName(),
                        "--port", Integer.toString(qdrantPort), "--data-dir", work.resolve("data/qdrant/index").toString(),
                        "--exit-when-stdin-closes"),
                        Map.of(), work.resolve("data/qdrant"), work.resolve("logs/qdrant.log"));
                qdrant.start();
                Readiness.awaitListening(qdrant, qdrantPort, Duration.ofSeconds(60));

                if (keycloakHome != null) {
                    keycloak = StackKeycloak.start(keycloakHome, root.resolve("deploy/keycloak/engram-realm.json"), work,
                            readyTimeout);
                    started.add(keycloak.process());
                }

                Map<String, String> shared = sharedEnvironment(kafka, postgres, qdrantPort);
                migrate(workerJar, shared, work);

                Map<String, String> gatewayEnv = gatewayEnvironment(shared);
                if (keycloak != null) {
                    gatewayEnv.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
                    gatewayEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
                    gatewayEnv.put("QUARKUS_OIDC_CLIENT_ID", "engram-api");
                }
                App gateway = app("gateway", gatewayJar, gatewayEnv, List.of(), work);
                List<App> workerApps = new ArrayList<>();
                List<String> workerFlags = workerProperties.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
                for (int i = 1; i <= workers; i++) {
                    workerApps.add(app("worker-" + i, workerJar, workerEnvironment(shared), workerFlags, work));
                }
                App dashboardApp = null;
                if (dashboardJar != null) {
                    Map<String, String> dashboardEnv = new LinkedHashMap<>(shared);
                    dashboardEnv.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
                    dashboardEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
                    dashboardEnv.put("QUARKUS_OIDC_CLIENT_ID", "engram-dashboard");
                    dashboardEnv.put("QUARKUS_OIDC_CREDENTIALS_SECRET", keycloak.dashboardClientSecret());
                    // The memory browser calls this stack's gateway with its bootstrap admin key.
                    dashboardEnv.put("ENGRAM_DASHBOARD_GATEWAY_URL", gateway.url());
                    dashboardEnv.put("ENGRAM_DASHBOARD_GATEWAY_API_KEY", adminApiKey);
                    dashboardApp = app("dashboard", dashboardJar, dashboardEnv, List.of(), work);
                }

                List<App> apps = new ArrayList<>(List.of(gateway));
                apps.addAll(workerApps);
                if (dashboardApp != null) apps.add(dashboardApp);
                for (App app : apps) {
                    app.process().start();
                    started.add(app.process());
                }
                writePids(work, apps);
                Readiness.awaitHealthy(apps.stream().map(App::process).toList(), apps.stream().map(App::url).toList(),
                        readyTimeout);
                return new LocalStack(this, work, kafka, postgres, qdrant, qdrantPort, gateway, List.copyOf(workerApps), dashboardApp,
                        keycloak);
            } catch (RuntimeException e) {
                stopAll(started);
                if (qdrant != null) qdrant.signal(Signal.KILL);
                if (kafka != null) kafka.close();
                if (postgres != null) postgres.close();
                throw e;
            }
        }

        /** The settings gateway and workers share: the distributed configuration. */
        private Map<String, String> sharedEnvironment(KafkaBroker kafka, PostgresServer postgres, int qdrantPort) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ENGRAM_STORAGE_KIND", "POSTGRES");
            env.put("ENGRAM_INDEX_KIND", "QDRANT");
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(DATABASE));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            env.put("ENGRAM_QDRANT_HOST", "127.0.0.1");
            env.put("ENGRAM_QDRANT_PORT", Integer.toString(qdrantPort));
            env.put("ENGRAM_QDRANT_TLS", "false");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("ENGRAM_KAFKA_TOPIC", TOPIC);
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            return env;
        }

        private Map<String, String> gatewayEnvironment(Map<String, String> shared) {
            Map<String, String> env = new LinkedHashMap<>(shared);
            env.put("ENGRAM_INGEST_KIND", "KAFKA");
            env.put("ENGRAM_BOOTSTRAP_API_KEY", adminApiKey);
            env.put("ENGRAM_HTTP_HOST", "127.0.0.1");
            return env;
        }

        private static Map<String, String> workerEnvironment(Map<String, String> shared) {
            Map<String, String> env = new LinkedHashMap<>(shared);
            env.put("ENGRAM_KAFKA_DEAD_LETTER_TOPIC", DEAD_LETTER_TOPIC);
            env.put("ENGRAM_KAFKA_GROUP", "engram-ingest-worker");
            return env;
        }

        static String randomHex(int bytes) {
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            return HexFormat.of().formatHex(random);
        }

        /** Runs the Flyway migrations once, with a one-off ingest-worker in migrate-only mode, before any app starts. */
        private void migrate(Path workerJar, Map<String, String> shared, Path work) {
            Map<String, String> env = new LinkedHashMap<>(shared);
            env.put("ENGRAM_MIGRATE_ONLY", "true");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(FreePorts.find()));
            int managementPort = FreePorts.find();
            env.put("ENGRAM_MANAGEMENT_PORT", Integer.toString(managementPort));
            env.put("ENGRAM_DATA_DIR", work.resolve("data/migrate").toString());
            ManagedProcess migrate = new ManagedProcess("migrate", appCommand(workerJar, List.of()), env,
                    work.resolve("data/migrate"), work.resolve("logs/migrate.log"));
            migrate.start();
            try {
                if (!migrate.awaitExit(readyTimeout)) {
                    migrate.signal(Signal.KILL);
                    throw new IllegalStateException("the migration did not finish within " + readyTimeout.toSeconds() + " s"
                            + System.lineSeparator() + migrate.logTail(60));
                }
            } catch (InterruptedException e) {
                migrate.signal(Signal.KILL);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while migrating", e);
            }
            if (migrate.exitCode() != 0) {
                throw new IllegalStateException("the migration (ingest-worker, ENGRAM_MIGRATE_ONLY=true) exited with "
                        + migrate.exitCode() + System.lineSeparator() + migrate.logTail(60));
            }
        }

        private App app(String name, Path jar, Map<String, String> environment, List<String> jvmFlags, Path work) {
            int port = FreePorts.find();
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            // Each app's management interface (metrics) gets a port of its own: they all run on this one machine.
            int managementPort = FreePorts.find();
            env.put("ENGRAM_MANAGEMENT_PORT", Integer.toString(managementPort));
            if (name.equals("gateway")) env.put("ENGRAM_HTTP_PORT", Integer.toString(port));
            env.put("ENGRAM_DATA_DIR", work.resolve("data/" + name).toString());
            return new App(new ManagedProcess(name, appCommand(jar, jvmFlags), env, work.resolve("data/" + name),
                    work.resolve("logs/" + name + ".log")), port, managementPort);
        }

        private List<String> appCommand(Path jar, List<String> jvmFlags) {
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + appHeap));
            command.addAll(APP_JVM_FLAGS);
            command.addAll(jvmFlags);
            command.addAll(List.of("-jar", jar.toString()));
            return command;
        }

        private Path prepareWorkDirectory() {
            Path work = workDirectory != null ? workDirectory.toAbsolutePath() : WorkDirectory.create("engram-stack");
            // A fresh stack each time: Kafka, PostgreSQL and the emulator start empty, so old data directories would lie.
            WorkDirectory.delete(work.resolve("data"));
            WorkDirectory.delete(work.resolve("logs"));
            try {
                Files.createDirectories(work.resolve("logs"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + work, e);
            }
            return work;
        }

        private static void writePids(Path work, List<App> apps) {
            StringBuilder pids = new StringBuilder();
            for (App app : apps) pids.append(app.process().name()).append(' ').append(app.process().pid()).append('\n');
            try {
                Files.writeString(work.resolve("pids"), pids);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + work.resolve("pids"), e);
            }
        }

        private static Path fastJar(Path root, String module) {
            Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no " + jar + ": build the apps first (./engram mvn -q package -DskipTests -pl "
                        + module + " -am)");
            }
            return jar;
        }

        private static Path findRepositoryRoot() {
            String configured = System.getProperty("engram.repository.root");
            if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("api-gateway")) && Files.isDirectory(dir.resolve("ingest-worker"))) return dir;
            }
            throw new IllegalStateException("no Engram checkout at or above " + Path.of("").toAbsolutePath()
                    + ": set -Dengram.repository.root");
        }

        /** This JVM's class path with absolute entries: the emulator runs in its own working directory. */
        private static String absoluteClassPath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank())
                    .map(entry -> Path.of(entry).toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator));
        }

        private static String javaExecutable() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
