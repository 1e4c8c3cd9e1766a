package dev.engram.core.extract.offline;

import org.junit.jupiter.api.Test;

import static dev.engram.core.extract.offline.Conversations.textsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Sentences that mix English and Chinese, and discourse fillers around a fact. */
class CodeSwitchingAndFillerTest {

    @Test
    void languageIsTheOneCarryingMostOfTheSentence() {
        assertThat(Language.of("I moved to Hangzhou for 阿里 last year")).isEqualTo(Language.EN);
        assertThat(Language.of("我最近在学Rust")).isEqualTo(Language.ZH);
        assertThat(Language.of("今天好累")).isEqualTo(Language.ZH);
        assertThat(Language.of("no ideographs here")).isEqualTo(Language.EN);
    }

    @Test
    void mostlyEnglishSentenceWithChineseWordsIsRewrittenAsEnglish() {
        assertThat(textsOf("I'm doing a summer internship at 华为 in Shenzhen.")).containsExactly(
            "User is doing a summer internship at 华为 in Shenzhen");
    }

    @Test
    void chineseFirstPersonInsideAnEnglishSentenceIsTheSubject() {
        assertThat(textsOf("我换了工作, started at a design agency in Xiamen.")).singleElement()
            .satisfies(t -> assertThat(t).startsWith("User 换了工作").doesNotContain("我"));
    }

    @Test
    void englishFirstPersonInsideAChineseSentenceIsTheSubject() {
        assertThat(textsOf("周末I去爬了泰山，风景很好")).singleElement()
            .satisfies(t -> assertThat(t).startsWith("周末用户去爬了泰山"));
    }

    @Test
    void announcementsAndTrailingFillersAreStripped() {
        assertThat(textsOf("Big news: I got into the master's programme in Utrecht.")).containsExactly(
            "User got into the master's programme in Utrecht");
        assertThat(textsOf("I'm Tomasz, by the way.")).containsExactly("User's name is Tomasz");
        assertThat(textsOf("我周末去钓鱼了，哈哈哈。")).singleElement()
            .satisfies(t -> assertThat(t).doesNotContain("哈"));
    }

    @Test
    void questionParticleIsNotStrippedAsFiller() {
        assertThat(textsOf("我应该先学吉他还是钢琴呢")).isEmpty();
    }
}
