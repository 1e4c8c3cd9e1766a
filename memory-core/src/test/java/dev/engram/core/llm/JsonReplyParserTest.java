package dev.engram.core.llm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReplyParserTest {

    private final JsonReplyParser parser = new JsonReplyParser();

    @Test
    void parsesAPlainObject() throws InvalidReplyException {
        assertThat(parser.parseObject(" {\"facts\":[\"a\"]} ").path("facts").get(0).asText()).isEqualTo("a");
    }

    @Test
    void stripsThinkBlocksAndCodeFences() throws InvalidReplyException {
        String reply = "<THINK>maybe {\"facts\":[\"wrong\"]}</THINK>\nHere you go:\n```json\n{\"facts\":[\"right\"]}\n```\nDone.";
        assertThat(parser.parseObject(reply).path("facts").get(0).asText()).isEqualTo("right");
    }

    @Test
    void fallsBackToTheOutermostBraces() throws InvalidReplyException {
        assertThat(parser.parseObject("Sure: {\"memory\":[{\"id\":\"0\"}]} Hope that helps!").path("memory").size())
                .isEqualTo(1);
    }

    @Test
    void dropsAnUnterminatedThinkBlock() {
        assertThatThrownBy(() -> parser.parseObject("<think>I should answer {\"facts\":[]} but"))
                .isInstanceOf(InvalidReplyException.class).hasMessageContaining("only reasoning");
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> parser.parseObject(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parseObject("[1,2]")).hasMessageContaining("not an array");
        assertThatThrownBy(() -> parser.parseObject("no json here")).hasMessageContaining("did not contain a JSON object");
        assertThatThrownBy(() -> parser.parseObject("{\"facts\": [\"a\",]}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parseObject("{\"a\":1} and {\"b\":2}")).hasMessageContaining("not valid JSON");
    }

    @Test
    void textSimilarityRanksCloseTextsHigher() {
        assertThat(TextSimilarity.score("Lives in Paris!", "lives in paris")).isEqualTo(1.0);
        assertThat(TextSimilarity.score("Lives in Berlin", "Lives in Paris"))
                .isGreaterThan(TextSimilarity.score("Likes green tea", "Lives in Paris"));
        assertThat(TextSimilarity.score("喜欢喝绿茶", "喜欢喝茶")).isGreaterThan(TextSimilarity.score("住在巴黎", "喜欢喝茶"));
        assertThat(TextSimilarity.score("", "x")).isZero();
    }
}
