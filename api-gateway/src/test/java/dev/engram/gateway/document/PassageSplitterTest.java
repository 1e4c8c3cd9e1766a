package dev.engram.gateway.document;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Passages: headings start one, paragraphs pack while they fit, long paragraphs are cut between sentences, none exceeds the limit. */
class PassageSplitterTest {

    @Test
    void shortParagraphsArePackedAndHeadingsStartAPassage() {
        String md = "# Travel\n\nI fly to Lisbon on March 3.\n\nThe hotel is in Alfama.\n\n## Food\nI am allergic to peanuts.\n\nNo shellfish either.";

        List<String> passages = new PassageSplitter(200).split(md);

        assertThat(passages).containsExactly(
                "# Travel\nI fly to Lisbon on March 3.\n\nThe hotel is in Alfama.",
                "## Food\nI am allergic to peanuts.\n\nNo shellfish either.");
    }

    @Test
    void paragraphsThatDoNotFitTogetherAreSeparatePassages() {
        String a = "a".repeat(60) + ".";
        String b = "b".repeat(60) + ".";
        assertThat(new PassageSplitter(100).split(a + "\n\n" + b)).containsExactly(a, b);
    }

    @Test
    void aLongParagraphIsCutBetweenSentencesAndALongSentenceAtASpace() {
        String sentence = "This sentence has exactly forty chars!!.";
        String paragraph = (sentence + " ").repeat(10).strip();
        List<String> passages = new PassageSplitter(100).split(paragraph);
        assertThat(passages).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(100));
        assertThat(String.join(" ", passages)).isEqualTo(paragraph);

        String words = "word ".repeat(100).strip();
        List<String> cut = new PassageSplitter(100).split(words);
        assertThat(cut).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(100));
        assertThat(String.join(" ", cut)).isEqualTo(words);

        String unbroken = "x".repeat(250);
        assertThat(new PassageSplitter(100).split(unbroken)).containsExactly("x".repeat(100), "x".repeat(100), "x".repeat(50));
    }
}
