package dev.engram.client.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.engram.testing.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The client is a small library an application adds to its class path: it must stay on the JDK and Jackson, use no
 * other Engram module, and keep its packages acyclic (the API in {@code dev.engram.client}, records in {@code model},
 * exceptions in {@code error}; the HTTP plumbing is package-private beside the API).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses();

    @Test
    void dependsOnlyOnTheJdkAndJackson() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "dev.engram.client..")
                .because("engram-client's only dependency is Jackson (docs/java-client.md)")
                .check(CLASSES);
    }

    @Test
    void modelAndErrorsDependOnNothingElseOfTheClient() {
        noClasses().that().resideInAnyPackage("dev.engram.client.model..", "dev.engram.client.error..")
                .should().dependOnClassesThat().resideInAPackage("dev.engram.client")
                .check(CLASSES);
    }

    @Test
    void hasNoPackageCycle() {
        slices().matching("dev.engram.(client)..").should().beFreeOfCycles().check(CLASSES);
        slices().matching("dev.engram.client.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
