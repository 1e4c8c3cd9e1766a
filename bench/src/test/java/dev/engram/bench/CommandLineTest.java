package dev.engram.bench;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void aRepeatedOptionKeepsEveryValueAndGetReadsTheLast() {
        var cli = CommandLine.parse(new String[]{"--variant", "default", "--variant=verbatim", "--per-type", "2"}, Set.of("variant", "per-type"));

        assertThat(cli.all("variant")).containsExactly("default", "verbatim");
        assertThat(cli.get("variant", null)).isEqualTo("verbatim");
        assertThat(cli.all("absent")).isEmpty();
        assertThat(cli.intValue("per-type", 0)).isEqualTo(2);
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--nope", "1"}, Set.of("variant"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--variant"}, Set.of("variant"))).hasMessageContaining("needs a value");
    }
}
