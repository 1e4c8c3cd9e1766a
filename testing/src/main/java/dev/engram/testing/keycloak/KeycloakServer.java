package dev.engram.testing.keycloak;

import dev.engram.testing.process.StopOnce;
import dev.engram.testing.process.Command;
import dev.engram.testing.process.FreePorts;
import dev.engram.testing.process.WorkDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak ({@value #VERSION}, the {@code keycloak-quarkus-dist} distribution from Maven Central) on a free port of
 * 127.0.0.1, in development mode with an in-memory database, with Engram's realm ({@code deploy/keycloak/engram-realm.json})
 * imported at start. It runs on the JDK of the calling JVM.
 *
 * <p>The distribution is unpacked in {@code testing/target/keycloak} by the testing module's {@code keycloak} Maven
 * profile. When it is missing, {@link #start()} runs that profile once ({@code mvnw -f testing/pom.xml -Pkeycloak
 * dependency:unpack@unpack-keycloak}), so builds that never start a Keycloak never download it.
 *
 * <pre>{@code
 * try (KeycloakServer keycloak = KeycloakServer.start()) {
 *     keycloak.realmUrl();   // http://127.0.0.1:<port>/realms/engram
 * }
 * }</pre>
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.7.3";
    public static final String REALM = "engram";
    /** The confidential client of the console, as in the realm file. */
    public static final String DASHBOARD_CLIENT_ID = "engram-dashboard";
    /** Where the distribution is, when not in {@code testing/target/keycloak/keycloak-<version>}. */
    public static final String HOME_PROPERTY = "engram.keycloak.home";
    public static final String ADMIN_USERNAME = "admin";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(10);
    private static KeycloakServer shared;

    private final Process process;
    private final int port;
    private final String clientSecret;
    private final String adminPassword;
    private final Path log;
    private final StopOnce stopper;

    private KeycloakServer(Process process, int port, String clientSecret, String adminPassword, Path log) {
        this.process = process;
        this.port = port;
        this.clientSecret = clientSecret;
        this.adminPassword = adminPassword;
        this.log = log;
        this.stopper = new StopOnce("keycloak-server", this::stop);
    }

    /** Starts a Keycloak with the Engram realm and returns once the realm's discovery document answers. */
    public static KeycloakServer start() {
        Path root = repositoryRoot();
        Path home = distribution(root);
        Path realm = root.resolve("deploy/keycloak/engram-realm.json");
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, imports.resolve("engram-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the realm " + realm + " into " + home, e);
        }
        int port = FreePorts.find();
        String secret = randomText(32);
        String adminPassword = randomText(16);
        Path log = WorkDirectory.create("engram-keycloak").resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(command(home, port))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("ENGRAM_DASHBOARD_CLIENT_SECRET", secret);
        env.put("JAVA_OPTS_APPEND", "-Xms64m -Xmx512m");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
        KeycloakServer server = new KeycloakServer(process, port, secret, adminPassword, log);
        try {
            server.awaitRealm();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server shared by everything in this JVM, started on first use and stopped when the JVM exits. Do not close it. */
    public static synchronized KeycloakServer shared() {
        if (shared == null || shared.stopper.stopped()) {
            shared = start();
        }
        return shared;
    }

    /** The arguments {@code deploy/keycloak.sh} uses too: development mode, loopback only, the realm imported. */
    static List<String> command(Path home, int port) {
        return List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname-strict=false",
                "--db=dev-mem", "--import-realm", "--health-enabled=false", "--metrics-enabled=false");
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>/realms/engram}: the OIDC issuer, Quarkus' {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    /** The {@value #DASHBOARD_CLIENT_ID} client's secret (the realm file reads it from ENGRAM_DASHBOARD_CLIENT_SECRET). */
    public String dashboardClientSecret() {
        return clientSecret;
    }

    /** The master realm's administrator password (user {@value #ADMIN_USERNAME}). */
    public String adminPassword() {
        return adminPassword;
    }

    public int port() {
        return port;
    }

    /** Keycloak's console output, for failure messages. */
    public String logTail(int lines) {
        return WorkDirectory.tail(log, lines);
    }

    @Override
    public void close() {
        stopper.close();
    }

    private void stop() {
        // kc.sh forwards TERM to its java child; the JVM itself is stopped too in case the script is gone already.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        WorkDirectory.delete(log.getParent());
    }

    private void awaitRealm() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(realmUrl() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + System.lineSeparator() + logTail(60));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve " + discovery + " within " + START_TIMEOUT
                + System.lineSeparator() + logTail(60));
    }

    /** The unpacked distribution, unpacked now by the testing module's {@code keycloak} profile if it is missing. */
    static Path distribution(Path root) {
        String override = System.getProperty(HOME_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path home = Path.of(override);
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("-D" + HOME_PROPERTY + "=" + home + " holds no executable bin/kc.sh");
            }
            return home;
        }
        Path home = root.resolve("testing/target/keycloak/keycloak-" + VERSION);
        synchronized (KeycloakServer.class) {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                Command.run(List.of(root.resolve("mvnw").toString(), "-B", "-q", "--no-transfer-progress",
                        "-f", root.resolve("testing/pom.xml").toString(), "-Pkeycloak", "dependency:unpack@unpack-keycloak"),
                        UNPACK_TIMEOUT);
            }
        }
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("the keycloak profile did not unpack Keycloak into " + home);
        }
        return home;
    }

    /** The directory holding {@code deploy/keycloak/engram-realm.json} and {@code testing/pom.xml}, above the working directory. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("testing/pom.xml")) && Files.isRegularFile(d.resolve("deploy/keycloak/engram-realm.json"))) {
                return d;
            }
        }
        throw new IllegalStateException("no Engram checkout (testing/pom.xml, deploy/keycloak/engram-realm.json) above " + dir);
    }

    /** Letters and digits from a secure random source; the client secret also keys the dashboard's session cookie (≥ 32). */
    private static String randomText(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }
}
