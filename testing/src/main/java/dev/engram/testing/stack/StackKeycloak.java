package dev.engram.testing.stack;

import dev.engram.testing.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keycloak in dev mode ({@code kc.sh start-dev}) from an unpacked {@code org.keycloak:keycloak-quarkus-dist} 26.x, on
 * 127.0.0.1 and a free port, with the engram realm imported at start, for a {@link LocalStack} with OIDC.
 *
 * @param adminPassword          the password of the bootstrap administrator {@code admin}
 * @param dashboardClientSecret  the secret of the confidential client {@code engram-dashboard} (the realm file reads it
 *                               from {@code ENGRAM_DASHBOARD_CLIENT_SECRET})
 */
record StackKeycloak(ManagedProcess process, int port, String adminPassword, String dashboardClientSecret) {

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer of the engram realm. */
    String realmUrl() {
        return url() + "/realms/" + LocalStack.REALM;
    }

    /**
     * Copies {@code realmFile} into {@code <home>/data/import} (where {@code --import-realm} reads realms), starts Keycloak
     * and waits until the realm's discovery document answers.
     */
    static StackKeycloak start(Path home, Path realmFile, Path work, Duration timeout) {
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + realmFile + " into " + home.resolve("data/import"), e);
        }
        int port = FreePorts.find();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", LocalStack.Builder.randomHex(16));
        env.put("ENGRAM_DASHBOARD_CLIENT_SECRET", LocalStack.Builder.randomHex(16));
        ManagedProcess process = new ManagedProcess("keycloak", List.of(home.resolve("bin/kc.sh").toString(),
                "start-dev", "--import-realm", "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=http://127.0.0.1:" + port),
                env, work.resolve("data/keycloak"), work.resolve("logs/keycloak.log"));
        StackKeycloak keycloak = new StackKeycloak(process, port, env.get("KC_BOOTSTRAP_ADMIN_PASSWORD"),
                env.get("ENGRAM_DASHBOARD_CLIENT_SECRET"));
        process.start();
        try {
            Readiness.awaitHttpOk(process, keycloak.realmUrl() + "/.well-known/openid-configuration", timeout);
        } catch (RuntimeException e) {
            process.signal(ManagedProcess.Signal.KILL);
            throw e;
        }
        return keycloak;
    }
}
