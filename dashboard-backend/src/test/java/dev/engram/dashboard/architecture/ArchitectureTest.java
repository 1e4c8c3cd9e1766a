package dev.engram.dashboard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.engram.testing.architecture.ArchitectureRules;
import dev.engram.testing.architecture.ArchitectureRules.Module;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** The dashboard's part of the architecture rules (docs/architecture.md#dependency-rules). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses();

    /**
     * The package cycles the dashboard still has, frozen: every edge on a cycle between top-level packages. None is
     * left; a new cycle fails the test (fix it rather than adding it here).
     */
    static final Set<String> FROZEN_CYCLES = ArchitectureRules.edges();

    @Test
    void usesPlatformAndCoreButNoOtherApp() {
        ArchitectureRules.layering(Module.DASHBOARD).check(CLASSES);
    }

    @Test
    void hasNoPackageCycle() {
        ArchitectureRules.assertCyclesOnly(CLASSES, Module.DASHBOARD, FROZEN_CYCLES);
    }

    @Test
    void restResourcesDoNotTouchStores() {
        ArchitectureRules.resourcesDoNotTouchStores(Module.DASHBOARD).check(CLASSES);
    }

    @Test
    void hasOneExceptionToStatusTable() {
        ArchitectureRules.assertAtMostOneStatusTable(ArchitectureRules.mainClassesWith("dev.engram.platform"));
    }
}
