package dev.engram.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's own settings ({@code engram.dashboard.*}); documented in {@code docs/configuration.md}. */
@ConfigMapping(prefix = "engram")
public interface DashboardConfig {

    Dashboard dashboard();

    interface Dashboard {

        /** Id of the project created with a new organisation at sign-up. */
        @WithDefault("default")
        String defaultProjectId();

        /** Name of that project. */
        @WithDefault("Default project")
        String defaultProjectName();
    }
}
