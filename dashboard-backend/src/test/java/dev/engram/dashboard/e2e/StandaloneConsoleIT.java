package dev.engram.dashboard.e2e;

import dev.engram.testing.process.FreePorts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone platform as a user starts it: {@code ./engram up} (the built jars, {@code --no-build}) on free ports with
 * a fresh data directory; no PostgreSQL, Kafka or identity provider. The link the launcher prints signs the local
 * administrator in to the console in Debian's headless Chromium ({@code standalone-e2e.mjs}), which creates an API key
 * that the mem0ai client then uses against the gateway, and a webhook whose signed deliveries (one failed, then
 * retried) reach a local receiver and the console's delivery log. Stopping the launcher must stop both processes.
 */
class StandaloneConsoleIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Pattern SIGN_IN_LINK = Pattern.compile("console: (http://localhost:\\d+/local-sign-in\\?token=\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private static Process launcher;
    private static Path dataDir;
    private static Path log;
    private static int apiPort;
    private static String signInLink;

    @BeforeAll
    static void startPlatform() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium)").isExecutable();
        dataDir = Files.createTempDirectory("engram-standalone-e2e");
        Path logs = Files.createDirectories(MODULE.resolve("target/console-e2e-logs"));
        log = logs.resolve("standalone-up.log");
        apiPort = FreePorts.find();
        int consolePort = FreePorts.find();
        ProcessBuilder builder = new ProcessBuilder(MODULE.resolveSibling("engram").toString(), "up", "--no-build",
                "--port", Integer.toString(apiPort), "--console-port", Integer.toString(consolePort),
                "--management-port", Integer.toString(FreePorts.findPair()), "--data-dir", dataDir.toString())
                .directory(MODULE.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("ENGRAM_BOOTSTRAP_API_KEY"); // the generated admin key path, as on a first start
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // The script's webhook receiver listens on loopback, and its first answer is a 500 the console must show retried.
        builder.environment().put("ENGRAM_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        builder.environment().put("ENGRAM_WEBHOOKS_INITIAL_BACKOFF", "1s");
        launcher = builder.start();
        signInLink = awaitSignInLink();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            List<ProcessHandle> children = new ArrayList<>(launcher.descendants().toList());
            launcher.destroy(); // SIGTERM: the launcher's trap stops the gateway and the console
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends after SIGTERM").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("process %d of the platform stopped with the launcher", child.pid()).isFalse();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theLocalAdministratorSignsInWithTheLinkAndCreatesAKeyTheMem0ClientUses() throws Exception {
        assertThat(Files.readString(dataDir.resolve("console-sign-in")).strip()).as("the link is kept in the data directory").isEqualTo(signInLink);
        ConsoleScript script = ConsoleScript.prepare(MODULE);
        int rc = script.run("standalone-e2e.mjs", Map.of(
                "SIGN_IN_URL", signInLink.replace("localhost", "127.0.0.1"),
                "GATEWAY_URL", "http://127.0.0.1:" + apiPort,
                "SCREENSHOTS", MODULE.resolve("target/screenshots").toString(),
                "MEM0_TELEMETRY", "false",
                "MEM0_DIR", MODULE.resolve("target/console-e2e/.mem0").toString()));
        assertThat(rc).as("standalone-e2e.mjs (see its output above); ./engram up output:%n%s", tail()).isZero();
    }

    private static String awaitSignInLink() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = SIGN_IN_LINK.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) return m.group(1);
            if (!launcher.isAlive()) throw new IllegalStateException("./engram up ended (exit " + launcher.exitValue() + "):\n" + tail());
            Thread.sleep(500);
        }
        throw new IllegalStateException("./engram up printed no console link within " + START_TIMEOUT + ":\n" + tail());
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
