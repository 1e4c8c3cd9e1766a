package dev.engram.dashboard.config;

import dev.engram.testing.config.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md documents every property of {@link DashboardConfig}: the reference cannot drift from the code. */
class ConfigurationReferenceTest {

    @Test
    void everyPropertyIsDocumented() {
        assertThat(ConfigurationReference.properties(DashboardConfig.class))
                .contains("engram.dashboard.default-project-id", "engram.dashboard.default-project-name",
                        "engram.dashboard.usage.topic", "engram.dashboard.usage.group");
        assertThat(ConfigurationReference.undocumented(DashboardConfig.class, Path.of("..", "docs", "configuration.md"))).isEmpty();
    }
}
