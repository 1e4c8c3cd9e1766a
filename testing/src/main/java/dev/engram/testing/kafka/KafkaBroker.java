package dev.engram.testing.kafka;

import dev.engram.testing.process.StopOnce;
import dev.engram.testing.process.FreePorts;
import dev.engram.testing.process.WorkDirectory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in its own JVM, on free loopback ports, with its
 * data in a temporary directory.
 *
 * <p>The broker runs Kafka 4.4.0 on its own classpath (see {@link KafkaBrokerLibrary}), so it never clashes with the
 * kafka-clients version of the JVM that starts it. The JVM is the one running the tests. {@link #close()} stops it; a
 * shutdown hook stops it if the test JVM exits first, and the broker halts by itself if the test JVM dies without running
 * hooks (see {@link KafkaBrokerMain}).
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     kafka.createTopic("memory-events", 2);
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static KafkaBroker shared;

    private final Path directory;
    private final int port;
    /** The broker JVM's command line: {@link #restart()} runs it again on the same ports and data. */
    private final List<String> command;
    private volatile Process process;
    private final StopOnce stopper;
    private Admin admin;

    private KafkaBroker(Path directory, int port, List<String> command, Process process) {
        this.directory = directory;
        this.port = port;
        this.command = List.copyOf(command);
        this.process = process;
        this.stopper = new StopOnce("kafka-broker", this::stop);
    }

    /** Starts a broker with the defaults: no automatic topic creation, a 60 s startup timeout. */
    /** The broker's log directory (its topics' segments). */
    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public static KafkaBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The broker shared by everything in this JVM (Quarkus test resources, the JUnit extension), started on first use and
     * stopped when the JVM exits. Do not close it.
     */
    public static synchronized KafkaBroker shared() {
        if (shared == null || shared.stopper.stopped()) {
            shared = start();
        }
        return shared;
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Whether the broker process is still alive. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Kills the broker (SIGKILL, as a crash would) and keeps its data and ports: clients see it gone until
     * {@link #restart()}. Does nothing if it is not running.
     */
    public synchronized void kill() {
        if (stopper.stopped()) throw new IllegalStateException("the broker is closed");
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        process.destroyForcibly();
        try {
            process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the broker again on the same ports and data directory (its topics, records and committed offsets survive),
     * killing it first if it still runs; returns once it serves clients.
     */
    public synchronized void restart() {
        if (process.isAlive()) kill();
        if (stopper.stopped()) throw new IllegalStateException("the broker is closed");
        process = Builder.launch(command, directory);
        Builder.awaitReady(this, Duration.ofSeconds(60));
    }

    /** Creates a topic with replication factor 1; fails if it exists. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, false);
    }

    /** Creates a topic with replication factor 1 unless one with that name exists (whatever its partition count). */
    public void createTopicIfMissing(String name, int partitions) {
        createTopic(name, partitions, true);
    }

    /** Names of the topics that exist, internal ones excluded. */
    public Set<String> topics() {
        return await(admin().listTopics().names(), "list topics");
    }

    private void createTopic(String name, int partitions, boolean tolerateExisting) {
        try {
            try {
                admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(tolerateExisting && e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            awaitVisible(name);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + name + " timed out after " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /**
     * Waits until the broker serves the topic's metadata with a leader for every partition: KRaft acknowledges a
     * creation once the controller has it, and the broker's own metadata can lag a moment behind, so a describe or
     * a produce right after could still be told the topic does not exist.
     */
    private void awaitVisible(String name) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription d = admin().describeTopics(List.of(name)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
                if (d != null && d.partitions().stream().allMatch(p -> p.leader() != null)) return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            if (System.nanoTime() > deadline) throw new TimeoutException("topic " + name + " not visible after " + ADMIN_TIMEOUT);
            Thread.sleep(50);
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        stopper.close();
    }

    // Under the broker's lock as well: admin() must not create a client while the broker stops.
    private synchronized void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        // Killed, not shut down: its data is thrown away, and a graceful KRaft shutdown costs seconds per test class.
        process.destroyForcibly();
        try {
            process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        WorkDirectory.delete(directory);
    }

    private synchronized Admin admin() {
        if (stopper.stopped()) {
            throw new IllegalStateException("the broker is closed");
        }
        if (admin == null) {
            admin = newAdmin(bootstrapServers(), Duration.ofSeconds(10));
        }
        return admin;
    }

    private static Admin newAdmin(String bootstrapServers, Duration apiTimeout) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(apiTimeout.toMillis(), 5_000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out after " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    /** Options of a broker; {@link #start()} starts it and returns once it serves clients. */
    public static final class Builder {

        private boolean autoCreateTopics;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Let producers and consumers create topics by naming them (off by default: tests create what they use). */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** Sets or overrides one {@code server.properties} entry. */
        public Builder property(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public KafkaBroker start() {
            Path lib = KafkaBrokerLibrary.locate();
            Path directory = WorkDirectory.create("engram-kafka");
            int port = FreePorts.find();
            int controllerPort = FreePorts.find();
            while (controllerPort == port) {
                controllerPort = FreePorts.find();
            }
            Process process;
            List<String> command;
            try {
                Path config = writeServerProperties(directory, port, controllerPort);
                Path log4j = writeLog4jConfig(directory);
                Path launcher = copyLauncher(directory);
                command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                        "-Dlog4j2.configurationFile=" + log4j.toUri(),
                        "-cp", launcher + File.pathSeparator + lib.resolve("*"),
                        KafkaBrokerMain.class.getName(), config.toString(), Uuid.randomUuid().toString()));
            } catch (IOException e) {
                WorkDirectory.delete(directory);
                throw new UncheckedIOException("cannot start the Kafka broker", e);
            }
            try {
                process = launch(command, directory);
            } catch (RuntimeException e) {
                WorkDirectory.delete(directory);
                throw e;
            }
            KafkaBroker broker = new KafkaBroker(directory, port, command, process);
            try {
                awaitReady(broker, startupTimeout);
            } catch (RuntimeException e) {
                String diagnostics = WorkDirectory.tail(directory.resolve("broker.out"), 30) + System.lineSeparator()
                        + WorkDirectory.tail(directory.resolve("broker.log"), 40);
                broker.close();
                throw new IllegalStateException(e.getMessage() + System.lineSeparator() + diagnostics, e);
            }
            return broker;
        }

        /** Starts the broker JVM; its output is appended to {@code broker.out}, so a restart continues the log. */
        private static Process launch(List<String> command, Path directory) {
            try {
                return new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.out").toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Kafka broker", e);
            }
        }

        private Path writeServerProperties(Path directory, int port, int controllerPort) throws IOException {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", directory.resolve("data").toString());
            p.put("num.partitions", "1");
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            // One node: every internal topic has one replica; one offsets partition is enough and is created fast.
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            // Tests must not wait 3 s for a consumer group to form.
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
            p.putAll(overrides);
            StringBuilder text = new StringBuilder();
            p.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            Path file = directory.resolve("server.properties");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        }

        private static Path writeLog4jConfig(Path directory) throws IOException {
            Path file = directory.resolve("log4j2.properties");
            Files.writeString(file, """
                    status = warn
                    appender.file.type = File
                    appender.file.name = file
                    appender.file.fileName = %s
                    appender.file.layout.type = PatternLayout
                    appender.file.layout.pattern = %%d{HH:mm:ss.SSS} %%-5p [%%c{1}] %%m%%n
                    rootLogger.level = WARN
                    logger.started.name = kafka.server.KafkaRaftServer
                    logger.started.level = INFO
                    rootLogger.appenderRef.file.ref = file
                    """.formatted(directory.resolve("broker.log")), StandardCharsets.UTF_8);
            return file;
        }

        /** Writes {@link KafkaBrokerMain}'s class file under {@code directory/launcher}, which goes on the broker's classpath. */
        private static Path copyLauncher(Path directory) throws IOException {
            String classFile = KafkaBrokerMain.class.getName().replace('.', '/') + ".class";
            Path root = directory.resolve("launcher");
            Path target = root.resolve(classFile);
            Files.createDirectories(target.getParent());
            try (InputStream in = KafkaBrokerMain.class.getClassLoader().getResourceAsStream(classFile)) {
                if (in == null) {
                    throw new IOException(classFile + " is not readable from the classpath");
                }
                Files.copy(in, target);
            }
            return root;
        }

        private static String javaExecutable() {
            return ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }

        /** Waits until the broker accepts connections and reports itself in the cluster metadata. */
        private static void awaitReady(KafkaBroker broker, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!FreePorts.isListening(broker.port)) {
                checkAlive(broker, deadline, timeout);
                sleep(50);
            }
            try (Admin admin = newAdmin(broker.bootstrapServers(), Duration.ofSeconds(5))) {
                while (true) {
                    checkAlive(broker, deadline, timeout);
                    try {
                        var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                                .get(3, TimeUnit.SECONDS);
                        if (!nodes.isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        // not serving metadata yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                    }
                    sleep(50);
                }
            }
        }

        private static void checkAlive(KafkaBroker broker, long deadline, Duration timeout) {
            if (!broker.process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + broker.process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker was not ready within " + timeout);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            }
        }
    }
}
