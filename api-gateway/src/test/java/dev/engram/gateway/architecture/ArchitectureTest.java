package dev.engram.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.engram.testing.architecture.ArchitectureRules;
import dev.engram.testing.architecture.ArchitectureRules.Module;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** The gateway's part of the architecture rules (docs/architecture.md#dependency-rules). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses();

    /**
     * The package cycles the gateway still has, frozen: each is a back-edge between top-level packages. None is left
     * (the last, {@code rest ⇄ service}, went when the services stopped taking REST bodies), so any cycle fails the test.
     */
    static final Set<String> FROZEN_CYCLES = ArchitectureRules.edges();

    @Test
    void usesPlatformAndCoreButNoOtherApp() {
        ArchitectureRules.layering(Module.GATEWAY).check(CLASSES);
    }

    @Test
    void hasNoPackageCycle() {
        ArchitectureRules.assertCyclesOnly(CLASSES, Module.GATEWAY, FROZEN_CYCLES);
    }

    @Test
    void restResourcesDoNotTouchStores() {
        ArchitectureRules.resourcesDoNotTouchStores(Module.GATEWAY).check(CLASSES);
    }

    @Test
    void hasOneExceptionToStatusTable() {
        ArchitectureRules.assertAtMostOneStatusTable(ArchitectureRules.mainClassesWith("dev.engram.platform"));
    }
}
