package dev.engram.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.engram.testing.architecture.ArchitectureRules;
import dev.engram.testing.architecture.ArchitectureRules.Module;
import org.junit.jupiter.api.Test;

/** The platform module's part of the architecture rules (docs/architecture.md#dependency-rules). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses();

    @Test
    void usesNoApp() {
        ArchitectureRules.layering(Module.PLATFORM).check(CLASSES);
    }

    @Test
    void hasNoPackageCycle() {
        ArchitectureRules.assertCyclesOnly(CLASSES, Module.PLATFORM, ArchitectureRules.edges());
    }

    @Test
    void hasOneStatusTable() {
        ArchitectureRules.assertAtMostOneStatusTable(CLASSES);
    }
}
