package dev.engram.worker.config;

import dev.engram.testing.config.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md documents every property of {@link WorkerConfig}: the reference cannot drift from the code. */
class ConfigurationReferenceTest {

    @Test
    void everyPropertyIsDocumented() {
        assertThat(ConfigurationReference.properties(WorkerConfig.class)).hasSizeGreaterThan(12).contains("engram.migrate-only", "engram.storage.kind");
        assertThat(ConfigurationReference.undocumented(WorkerConfig.class, Path.of("..", "docs", "configuration.md"))).isEmpty();
    }
}
