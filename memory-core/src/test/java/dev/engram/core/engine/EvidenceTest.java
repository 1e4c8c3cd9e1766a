package dev.engram.core.engine;

import dev.engram.core.domain.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceTest {

    @Test
    void idsAreStablePerScopeEventAndPosition() {
        Scope a = Scope.user("a");
        assertThat(Evidence.id(a, "e", 1)).isEqualTo(Evidence.id(Scope.user("a"), "e", 1));
        assertThat(Evidence.id(a, "e", 1)).isNotEqualTo(Evidence.id(a, "e", 2))
                .isNotEqualTo(Evidence.id(a, "f", 1))
                .isNotEqualTo(Evidence.id(Scope.user("b"), "e", 1))
                .isNotEqualTo(Evidence.id(a.withAgent("x"), "e", 1));
    }

    @Test
    void shortTextsAreShownWhole() {
        assertThat(Evidence.excerpt("I like tea.", "tea", 100)).isEqualTo("I like tea.");
    }

    @Test
    void theExcerptIsTheWindowHoldingTheQueryWords() {
        String text = "First we talk about the weather today. ".repeat(10) + "The museum ticket costs twelve euros. "
                + "Then more unrelated chatter follows here. ".repeat(10);
        String excerpt = Evidence.excerpt(text, "How much is the museum ticket?", 120);

        assertThat(excerpt).contains("museum ticket costs twelve euros").startsWith("…").endsWith("…");
        assertThat(excerpt.length()).isLessThanOrEqualTo(122);
    }

    @Test
    void embeddedTextIsTheHeadCutAtAWord() {
        String head = Evidence.embeddedText("alpha beta gamma delta", 13);
        assertThat(head).isEqualTo("alpha beta");
    }
}
