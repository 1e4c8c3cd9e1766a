package dev.engram.gateway.security;

import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.ApiKeys;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.gateway.config.EngramConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;

/**
 * Makes sure the platform can be administered at start: the default project exists and an admin key works.
 * {@code ENGRAM_BOOTSTRAP_API_KEY} is registered when set (idempotent); otherwise, when no active admin key exists yet,
 * one is generated, printed once to the log and written to {@code <data-dir>/admin-api-key} (mode 0600).
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    static final String KEY_FILE = "admin-api-key";

    private final ApiKeyStore store;
    private final EngramConfig config;

    AdminBootstrap(ApiKeyStore store, EngramConfig config) {
        this.store = store;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Instant now = Instant.now();
        store.createProject(Tenant.DEFAULT, "Default project", now);
        var allScopes = EnumSet.allOf(KeyScope.class);
        if (config.bootstrapApiKey().isPresent()) {
            String key = config.bootstrapApiKey().get().strip();
            if (!ApiKeys.wellFormed(key)) {
                throw new ConfigurationException("ENGRAM_BOOTSTRAP_API_KEY must be " + ApiKeys.MIN_LENGTH + "-" + ApiKeys.MAX_LENGTH
                        + " printable characters without spaces");
            }
            if (store.findByKey(key).isEmpty()) {
                try {
                    store.createKey(Tenant.DEFAULT, "bootstrap", key, allScopes, null, now);
                    LOG.info("Registered the bootstrap API key from ENGRAM_BOOTSTRAP_API_KEY");
                } catch (StorageException e) {
                    // Gateways starting together on one database race to register it: the loser finds it registered.
                    if (store.findByKey(key).isEmpty()) throw e;
                }
            }
            return;
        }
        if (store.hasActiveAdminKey()) return;
        String key = ApiKeys.generate();
        store.createKey(Tenant.DEFAULT, "bootstrap", key, allScopes, null, now);
        Path file = config.dataDir().resolve(KEY_FILE);
        writeOwnerOnly(file, key);
        LOG.infof("Generated the administrator API key (shown once; also in %s): %s", file, key);
    }

    private static void writeOwnerOnly(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("Could not create " + file + " exclusively", e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write the admin API key to " + file + ": " + e.getMessage(), e);
        }
    }
}
