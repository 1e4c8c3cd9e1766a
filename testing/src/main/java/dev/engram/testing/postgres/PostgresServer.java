package dev.engram.testing.postgres;

import dev.engram.testing.process.StopOnce;
import dev.engram.testing.process.Command;
import dev.engram.testing.process.FreePorts;
import dev.engram.testing.process.WorkDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server from the machine's PostgreSQL installation (Debian's {@code postgresql} package), with its
 * cluster in a temporary directory, listening on a free port of 127.0.0.1, trust authentication.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root, {@code initdb} and {@code pg_ctl} run as the
 * {@code postgres} OS user (through {@code runuser}), which owns the temporary directory. {@link #close()} stops the
 * server ({@code pg_ctl stop -m fast}) and deletes the directory; a shutdown hook does the same if the JVM exits first.
 *
 * <pre>{@code
 * try (PostgresServer postgres = PostgresServer.start()) {
 *     postgres.createDatabase("engram");
 *     DriverManager.getConnection(postgres.jdbcUrl("engram"), postgres.username(), postgres.password());
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final String OS_USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static PostgresServer shared;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();
    private final StopOnce stopper;

    private PostgresServer(Path binaries, Path directory, int port, boolean asPostgresUser) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.databases.add("postgres");
        this.stopper = new StopOnce("postgres-server", this::stop);
    }

    /** Initialises a cluster in a new temporary directory and starts a server on it; returns once it accepts connections. */
    public static PostgresServer start() {
        Path binaries = PostgresBinaries.locate();
        boolean asPostgresUser = "root".equals(System.getProperty("user.name"));
        Path directory = WorkDirectory.create("engram-postgres");
        int port = FreePorts.find();
        try {
            if (asPostgresUser) {
                handOver(directory);
            }
        } catch (RuntimeException e) {
            WorkDirectory.delete(directory);
            throw e;
        }
        PostgresServer server = new PostgresServer(binaries, directory, port, asPostgresUser);
        try {
            server.run(true, "initdb", "-D", server.dataDirectory().toString(), "-U", SUPERUSER, "--auth=trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            server.pgCtlStart();
        } catch (RuntimeException e) {
            String log = WorkDirectory.tail(directory.resolve("postgres.log"), 30);
            server.close();
            throw new IllegalStateException(e.getMessage() + System.lineSeparator() + log, e);
        }
        return server;
    }

    /**
     * The server shared by everything in this JVM (Quarkus test resources, the JUnit extension), started on first use and
     * stopped when the JVM exits. Do not close it.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null || shared.stopper.stopped()) {
            shared = start();
        }
        return shared;
    }

    /** Creates an empty database owned by {@link #username()}; fails if it exists. */
    public void createDatabase(String name) {
        requireValidName(name);
        if (!databases.add(name)) {
            throw new IllegalStateException("database " + name + " exists");
        }
        try {
            run(false, "createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", SUPERUSER, name);
        } catch (RuntimeException e) {
            databases.remove(name);
            throw e;
        }
    }

    /** Creates the database unless this server already has one by that name. */
    public synchronized void createDatabaseIfMissing(String name) {
        requireValidName(name);
        if (!databases.contains(name)) {
            createDatabase(name);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser the cluster was initialised with. */
    public String username() {
        return SUPERUSER;
    }

    /** Any password works (trust authentication); this one is for clients that insist on having one. */
    public String password() {
        return SUPERUSER;
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server at once ({@code pg_ctl stop -m immediate}: every backend is killed without a shutdown checkpoint,
     * as in a crash) and keeps the cluster: clients lose their connections and cannot connect until {@link #restart()}.
     * Does nothing if it is not running.
     */
    public synchronized void kill() {
        if (stopper.stopped()) throw new IllegalStateException("the server is closed");
        if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
            run(true, "pg_ctl", "-D", dataDirectory().toString(), "-m", "immediate", "-w", "-t", "30", "stop");
        }
    }

    /**
     * Starts the server again on the same port and cluster (it recovers from its WAL, so every committed transaction is
     * there), stopping it first if it still runs; returns once it accepts connections.
     */
    public synchronized void restart() {
        kill();
        pgCtlStart();
    }

    private void pgCtlStart() {
        run(true, "pg_ctl", "-D", dataDirectory().toString(), "-l", directory.resolve("postgres.log").toString(),
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + directory + " -c fsync=off",
                "-w", "-t", "60", "start");
    }

    /** Stops the server and deletes the cluster. */
    @Override
    public void close() {
        stopper.close();
    }

    private synchronized void stop() {
        try {
            if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
                run(true, "pg_ctl", "-D", dataDirectory().toString(), "-m", "fast", "-w", "-t", "30", "stop");
            }
        } finally {
            WorkDirectory.delete(directory);
        }
    }

    /** The cluster's data directory (where its tables and WAL are). */
    public Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Runs one of the server's binaries, as the {@code postgres} OS user if {@code serverSide} and the tests run as root. */
    private void run(boolean serverSide, String binary, String... args) {
        List<String> command = new ArrayList<>();
        if (serverSide && asPostgresUser) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(binaries.resolve(binary).toString());
        command.addAll(List.of(args));
        Command.run(command, COMMAND_TIMEOUT);
    }

    /** Gives the directory to the {@code postgres} OS user, who runs the server (PostgreSQL refuses to run as root). */
    private static void handOver(Path directory) {
        try {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(directory, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("running as root, PostgreSQL needs the '" + OS_USER + "' OS user (the postgresql "
                    + "package creates it), and it cannot own " + directory, e);
        }
    }

    private static void requireValidName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
        }
    }
}
