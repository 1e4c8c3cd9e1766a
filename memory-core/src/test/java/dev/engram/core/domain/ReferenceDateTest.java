package dev.engram.core.domain;

import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceDateTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "1683732600                | 2023-05-10T15:30:00Z",
            "1683732600.5              | 2023-05-10T15:30:00.500Z",
            "0                         | 1970-01-01T00:00:00Z",
            "2023-05-10                | 2023-05-10T00:00:00Z",
            "2023-05-10T15:30:00Z      | 2023-05-10T15:30:00Z",
            "2023-05-10T15:30:00z      | 2023-05-10T15:30:00Z",
            "2023-05-10T17:30:00+02:00 | 2023-05-10T15:30:00Z",
            "2023-05-10T15:30:00       | 2023-05-10T15:30:00Z",
            "2023-05-10T15:30          | 2023-05-10T15:30:00Z",
            "2023-05-10 15:30:00       | 2023-05-10T15:30:00Z",
            "2023-05-10T15:30:00.123456Z | 2023-05-10T15:30:00.123456Z",
    })
    void acceptsMem0Forms(String raw, Instant expected) {
        assertThat(ReferenceDate.parse(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2023-13-01", "2023-02-30", "10/05/2023", "2023-05-10T25:00:00Z", "-5",
            "99999999999999", "2023-05-10Tnoon", "NaN"})
    void rejectsEverythingElse(String raw) {
        assertThatThrownBy(() -> ReferenceDate.parse(raw)).isInstanceOf(ValidationException.class).hasMessageContaining("reference_date");
    }

    @Test
    void nullIsNoReference() {
        assertThat(ReferenceDate.parse(null)).isNull();
    }

    @Test
    void epochNumbersAreBounded() {
        assertThat(ReferenceDate.epochSeconds(1683732600)).isEqualTo(Instant.parse("2023-05-10T15:30:00Z"));
        assertThatThrownBy(() -> ReferenceDate.epochSeconds(Double.POSITIVE_INFINITY)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ReferenceDate.epochSeconds(-1)).isInstanceOf(ValidationException.class);
    }
}
