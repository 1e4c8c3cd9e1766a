package dev.engram.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** `helm lint` of the chart as shipped (its own values.yaml): no errors and no warnings. */
class ChartLintTest {

    @Test
    void lintReportsNoErrorsOrWarnings() {
        LintResult result = new Helm(EngramChart.DIR).lint().call();

        assertThat(result.getMessages())
                .as("lint messages")
                .noneMatch(m -> m.contains("[ERROR]"))
                .noneMatch(m -> m.contains("[WARNING]"));
        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    }

    @Test
    void strictLintPasses() {
        LintResult result = new Helm(EngramChart.DIR).lint().strict().call();

        assertThat(result.isFailed()).as("strict lint failed: %s", result.getMessages()).isFalse();
    }
}
