package dev.engram.bench.quality;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QualityReportMarkdownTest {

    private static final LatencySummary ADD = new LatencySummary(6, 12.5, 11.0, 20.25);
    private static final LatencySummary SEARCH = new LatencySummary(8, 3.0, 2.5, 4.0);

    @Test
    void summaryAggregatesOverQuestionsAndPoolsRatesAcrossConversations() {
        var en = new ConversationResult("01-a", "en", List.of(
                question("01-a", "en", "update", 1.0, 1.0, 40, List.of()),
                question("01-a", "en", "temporal", 0.0, 0.5, 60, List.of("m9"))),
                new QualityMetrics.DuplicateCount(1, 4), 1, 2, 10, 12);
        var zh = new ConversationResult("15-b", "zh", List.of(question("15-b", "zh", "update", 0.5, 1.0, 80, List.of())),
                new QualityMetrics.DuplicateCount(0, 4), 2, 2, 6, 8);

        String md = QualityReportMarkdown.render("offline", List.of(en, zh), ADD, SEARCH);

        // recall@5 over the three questions: (1 + 0 + 0.5) / 3; duplicates pooled 1/8; supersedes pooled 3/4
        assertThat(md).contains("| evidence recall@5 | 0.500 | 0.500 | 0.500 | – |");
        assertThat(md).contains("| evidence recall@10 | 0.833 | 0.750 | 1.000 | – |");
        assertThat(md).contains("| duplicate rate (lower is better) | 0.125 | 0.250 | 0.000 | – |");
        assertThat(md).contains("| correct-supersede rate | 0.750 | 0.500 | 1.000 | – |");
        assertThat(md).contains("| context tokens / query (top 10) | 60.0 | 50.0 | 80.0 | – |");
        assertThat(md).contains("| active memories / conversation | 8.0 | 10.0 | 6.0 | – |");
        assertThat(md).contains("| update | 2 | 0.750 | 1.000 |");
        assertThat(md).contains("| add (one session) | 6 | 12.5 | 11.0 | 20.3 |");
        assertThat(md).contains("| 01-a | en | 10 | 12 | 0.50 | 0.75 | 1/4 | 1/2 | 50 |");
        assertThat(md).contains("## Evidence missed by the top 10 (1 questions)").contains("| 01-a | temporal | q | m9 |");
    }

    private static QuestionResult question(String conversation, String lang, String category, double r5, double r10, int tokens,
                                           List<String> missed) {
        return new QuestionResult(conversation, lang, category, "q", r5, r10, tokens, missed);
    }
}
