package dev.engram.worker.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.engram.testing.architecture.ArchitectureRules;
import dev.engram.testing.architecture.ArchitectureRules.Module;
import org.junit.jupiter.api.Test;

/** The worker's part of the architecture rules (docs/architecture.md#dependency-rules). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses();

    @Test
    void usesPlatformAndCoreButNoOtherApp() {
        ArchitectureRules.layering(Module.WORKER).check(CLASSES);
    }

    @Test
    void hasNoPackageCycle() {
        ArchitectureRules.assertCyclesOnly(CLASSES, Module.WORKER, ArchitectureRules.edges());
    }

    @Test
    void restResourcesDoNotTouchStores() {
        ArchitectureRules.resourcesDoNotTouchStores(Module.WORKER).check(CLASSES);
    }

    @Test
    void hasOneExceptionToStatusTable() {
        ArchitectureRules.assertAtMostOneStatusTable(ArchitectureRules.mainClassesWith("dev.engram.platform"));
    }
}
