package dev.engram.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written checks of {@link ArchitectureRules} fail when they should (on the fixture packages). */
class ArchitectureRulesTest {

    private static final String ROOT = "dev.engram.testing.architecture.fixture";
    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(ROOT);

    @Test
    void frozenCyclesPass() {
        assertThatCode(() -> ArchitectureRules.assertCyclesOnly(FIXTURE, ROOT, ArchitectureRules.edges("a -> b", "b -> a")))
                .doesNotThrowAnyException();
    }

    @Test
    void aNewCycleFailsWithAnExample() {
        assertThatThrownBy(() -> ArchitectureRules.assertCyclesOnly(FIXTURE, ROOT, ArchitectureRules.edges("a -> b")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("new package cycle edge b -> a (e.g. Method <" + ROOT + ".b.B.a()>");
    }

    @Test
    void aFrozenEdgeThatIsGoneFails() {
        assertThatThrownBy(() -> ArchitectureRules.assertCyclesOnly(FIXTURE, ROOT, ArchitectureRules.edges("a -> b", "b -> a", "c -> a")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("c -> a is no longer on a cycle");
    }

    @Test
    void twoStatusTablesFail() {
        assertThatThrownBy(() -> ArchitectureRules.assertAtMostOneStatusTable(FIXTURE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ROOT + ".FirstStatusTable").hasMessageContaining(ROOT + ".c.SecondStatusTable");
    }

    @Test
    void slicesAreTopLevelPackages() {
        org.assertj.core.api.Assertions.assertThat(ArchitectureRules.slice(ROOT + ".a.deeper", ROOT)).isEqualTo("a");
        org.assertj.core.api.Assertions.assertThat(ArchitectureRules.slice(ROOT, ROOT)).isEqualTo("(root)");
        org.assertj.core.api.Assertions.assertThat(ArchitectureRules.slice("dev.engram.other", ROOT)).isNull();
    }
}
