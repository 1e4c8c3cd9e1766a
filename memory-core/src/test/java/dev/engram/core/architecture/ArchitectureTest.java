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
     * The package cycles memory-core still has, frozen: each is a back-edge between top-level packages. Fix one, then
     * delete its line (the test fails until you do); a new cycle fails the test.
     */
    static final Set<String> FROZEN_CYCLES = ArchitectureRules.edges(
            // ListRequest and SearchRequest carry a filter.Filter; Filters reads MemoryState. Fix: the filter model into domain.
            "domain -> filter", "filter -> domain",
            // MemoryEngine and AddPipeline drive the reconciler; OfflineReconciler reads EngineSettings' thresholds.
            // Fix: the reconciler takes its thresholds as a settings record of its own package.
            "engine -> reconcile", "reconcile -> engine");

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
