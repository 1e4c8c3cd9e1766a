package dev.engram.core.extract.offline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lexicon score skips a keyword's pattern when the text cannot hold the keyword: it must count exactly the
 * keywords whose pattern finds a match, whatever the case, endings, neighbours or non-ASCII letters around them.
 */
class CategorizerLexiconTest {

    @Test
    void theScoreCountsExactlyTheKeywordsWhosePatternMatches() {
        List<String> shared = List.of("", "User moved to Berlin and works as an engineer", "用户的妈妈在公司上班，周末去游泳",
                "User's KIDS play FOOTBALL while the Dog sleeps", "İSTANBUL ÇAY and a Trip to Kyoto");
        for (Map.Entry<String, List<String>> category : CategoryLexicon.KEYWORDS.entrySet()) {
            List<String> texts = new ArrayList<>(shared);
            for (String k : category.getValue()) {
                String upper = k.toUpperCase(Locale.ROOT);
                String title = Character.toUpperCase(k.charAt(0)) + k.substring(1);
                texts.addAll(List.of(k, upper, title, "User " + k + "s often", "User " + upper + "ING today.", "x" + k + "y",
                        "Über " + title + "ed İstanbul", "ÉTÉ " + k.replace('i', 'ı') + " Straße", "（" + k + "）很好", k + "'s place"));
            }
            List<Pattern> patterns = category.getValue().stream().map(Categorizer::keywordPattern).toList();
            for (String text : texts) {
                int expected = 0;
                for (Pattern p : patterns) {
                    if (p.matcher(text).find()) expected++;
                }
                assertThat(Categorizer.lexiconScore(category.getKey(), text)).as("%s in \"%s\"", category.getKey(), text).isEqualTo(expected);
            }
        }
    }

    @Test
    void foldingLowersAsciiLettersOnly() {
        assertThat(Categorizer.foldAscii("ÉTÉ Dog İ ß ABC")).isEqualTo("ÉtÉ dog İ ß abc");
        assertThat(Categorizer.foldAscii("already lower")).isEqualTo("already lower");
    }
}
