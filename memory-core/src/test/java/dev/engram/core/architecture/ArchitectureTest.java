package dev.engram.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.engram.testing.architecture.ArchitectureRules;
import dev.engram.testing.architecture.ArchitectureRules.Module;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** memory-core's part of the architecture rules (docs/architecture.md#dependency-rules). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses();

    /**
     * The package cycles memory-core still has, frozen: each is a back-edge between top-level packages. None is left;
     * a new cycle fails the test (fix it rather than adding it here).
     */
    static final Set<String> FROZEN_CYCLES = ArchitectureRules.edges();

    @Test
    void importsNoFrameworkType() {
        ArchitectureRules.frameworkFree().check(CLASSES);
    }

    @Test
    void usesNoLayerAboveIt() {
        ArchitectureRules.layering(Module.CORE).check(CLASSES);
    }

    @Test
    void hasNoNewPackageCycle() {
        ArchitectureRules.assertCyclesOnly(CLASSES, Module.CORE, FROZEN_CYCLES);
    }
}
