package dev.engram.gateway.config;

import dev.engram.testing.config.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md documents every property of {@link EngramConfig} and {@link ProfilesConfig}: the reference cannot drift from the code. */
class ConfigurationReferenceTest {

    @Test
    void everyPropertyIsDocumented() {
        assertThat(ConfigurationReference.properties(EngramConfig.class)).hasSizeGreaterThan(20).contains("engram.qdrant.port", "engram.index.kind");
        assertThat(ConfigurationReference.undocumented(EngramConfig.class, Path.of("..", "docs", "configuration.md"))).isEmpty();
        assertThat(ConfigurationReference.properties(ProfilesConfig.class)).contains("engram.profiles.regenerate-after-changes");
        assertThat(ConfigurationReference.undocumented(ProfilesConfig.class, Path.of("..", "docs", "configuration.md"))).isEmpty();
    }
}
