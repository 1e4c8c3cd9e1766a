package dev.engram.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Renders quality results as Markdown: a summary by language, recall by question category, one row per conversation
 * and the questions whose evidence the top 10 missed. Pure: the same results always render the same text.
 */
public final class QualityReportMarkdown {

    private static final List<String> LANGUAGES = List.of("en", "zh", "mixed");

    private QualityReportMarkdown() {
    }

    /**
     * @param mode    how memories were extracted ("offline", "scripted-llm", "llm (model @ url)")
     * @param add     latency of one add (one session)
     * @param search  latency of one search (query embedding included)
     */
    public static String render(String mode, List<ConversationResult> results, LatencySummary add, LatencySummary search) {
        var md = new StringBuilder();
        List<QuestionResult> questions = results.stream().flatMap(r -> r.questions().stream()).toList();
        md.append("# Engram memory-quality report\n\n");
        md.append("Mode: **").append(mode).append("** · ").append(results.size()).append(" conversations · ")
                .append(questions.size()).append(" questions · one add per session, top-10 search per question.\n\n");

        md.append("## Summary\n\n");
        md.append("| metric | all | en | zh | mixed |\n|---|---:|---:|---:|---:|\n");
        row(md, "evidence recall@5", results, rs -> mean(questionsOf(rs), QuestionResult::recallAt5), "%.3f");
        row(md, "evidence recall@10", results, rs -> mean(questionsOf(rs), QuestionResult::recallAt10), "%.3f");
        row(md, "duplicate rate (lower is better)", results, QualityReportMarkdown::duplicateRate, "%.3f");
        row(md, "correct-supersede rate", results, QualityReportMarkdown::supersedeRate, "%.3f");
        row(md, "context tokens / query (top 10)", results, rs -> mean(questionsOf(rs), QuestionResult::contextTokens), "%.1f");
        row(md, "active memories / conversation", results, rs -> meanOf(rs, ConversationResult::activeMemories), "%.1f");
        row(md, "stored memories / conversation", results, rs -> meanOf(rs, ConversationResult::storedMemories), "%.1f");
        md.append('\n');

        md.append("## Latency (ms)\n\n| operation | count | mean | p50 | p95 |\n|---|---:|---:|---:|---:|\n");
        latency(md, "add (one session)", add);
        latency(md, "search (embedding included)", search);
        md.append('\n');

        md.append("## Recall by category\n\n| category | questions | recall@5 | recall@10 |\n|---|---:|---:|---:|\n");
        for (QuestionCategory c : QuestionCategory.values()) {
            var qs = questions.stream().filter(q -> q.category().equals(c.label())).toList();
            md.append("| ").append(c.label()).append(" | ").append(qs.size()).append(" | ")
                    .append(fmt("%.3f", mean(qs, QuestionResult::recallAt5))).append(" | ")
                    .append(fmt("%.3f", mean(qs, QuestionResult::recallAt10))).append(" |\n");
        }
        md.append('\n');

        md.append("## Per conversation\n\n| conversation | lang | active | stored | recall@5 | recall@10 | duplicates | supersedes ok | tokens/query |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ConversationResult r : results) {
            md.append("| ").append(r.id()).append(" | ").append(r.language()).append(" | ").append(r.activeMemories())
                    .append(" | ").append(r.storedMemories()).append(" | ")
                    .append(fmt("%.2f", mean(r.questions(), QuestionResult::recallAt5))).append(" | ")
                    .append(fmt("%.2f", mean(r.questions(), QuestionResult::recallAt10))).append(" | ")
                    .append(r.duplicates().duplicates()).append('/').append(r.duplicates().touching()).append(" | ")
                    .append(r.supersedesCorrect()).append('/').append(r.supersedesTotal()).append(" | ")
                    .append(fmt("%.0f", mean(r.questions(), QuestionResult::contextTokens))).append(" |\n");
        }
        md.append('\n');

        var missed = questions.stream().filter(q -> !q.missedAt10().isEmpty()).toList();
        md.append("## Evidence missed by the top 10 (").append(missed.size()).append(" questions)\n\n");
        if (!missed.isEmpty()) {
            md.append("| conversation | category | question | missed |\n|---|---|---|---|\n");
            for (QuestionResult q : missed) {
                md.append("| ").append(q.conversationId()).append(" | ").append(q.category()).append(" | ")
                        .append(q.question().replace("|", "\\|")).append(" | ").append(String.join(", ", q.missedAt10())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, List<ConversationResult> results,
                            java.util.function.Function<List<ConversationResult>, Double> measure, String format) {
        md.append("| ").append(name).append(" | ").append(fmt(format, measure.apply(results)));
        for (String lang : LANGUAGES) {
            md.append(" | ").append(fmt(format, measure.apply(filter(results, r -> r.language().equals(lang)))));
        }
        md.append(" |\n");
    }

    private static void latency(StringBuilder md, String name, LatencySummary l) {
        md.append("| ").append(name).append(" | ").append(l.count()).append(" | ").append(fmt("%.1f", l.meanMs())).append(" | ")
                .append(fmt("%.1f", l.p50Ms())).append(" | ").append(fmt("%.1f", l.p95Ms())).append(" |\n");
    }

    static double duplicateRate(List<ConversationResult> results) {
        var total = results.stream().map(ConversationResult::duplicates)
                .reduce(new QualityMetrics.DuplicateCount(0, 0), QualityMetrics.DuplicateCount::plus);
        return total.touching() == 0 ? Double.NaN : (double) total.duplicates() / total.touching();
    }

    static double supersedeRate(List<ConversationResult> results) {
        int correct = results.stream().mapToInt(ConversationResult::supersedesCorrect).sum();
        int all = results.stream().mapToInt(ConversationResult::supersedesTotal).sum();
        return all == 0 ? Double.NaN : (double) correct / all;
    }

    private static List<QuestionResult> questionsOf(List<ConversationResult> results) {
        return results.stream().flatMap(r -> r.questions().stream()).toList();
    }

    private static List<ConversationResult> filter(List<ConversationResult> results, Predicate<ConversationResult> p) {
        return new ArrayList<>(results.stream().filter(p).toList());
    }

    private static <T> double mean(List<T> items, ToDoubleFunction<T> f) {
        return items.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double meanOf(List<ConversationResult> items, ToDoubleFunction<ConversationResult> f) {
        return mean(items, f);
    }

    /** Formats with a dot decimal separator whatever the locale; NaN (nothing to measure) prints as a dash. */
    private static String fmt(String format, double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
    }
}
