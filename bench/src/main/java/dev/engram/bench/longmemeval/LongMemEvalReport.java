package dev.engram.bench.longmemeval;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one run: every system over the same questions, aggregated per question type and overall, written as
 * JSON (this record) and Markdown ({@link #markdown()}).
 */
public record LongMemEvalReport(String command, String dataset, int questions, double seconds, List<SystemRun> systems) {

    /**
     * One system's run: ingest and search totals and the per-question scores. {@code ingestThreadCpuSeconds} is the CPU
     * time of the thread that ingested, {@code ingestProcessCpuSeconds} that of the whole process meanwhile (merges,
     * GC, embedding pools): unlike the wall time, neither grows when other work shares the machine.
     */
    public record SystemRun(String name, String description, long messages, double ingestSeconds, double ingestThreadCpuSeconds,
                            double ingestProcessCpuSeconds, double searchSeconds, List<QuestionScore> scores) {

        @JsonProperty
        public double messagesPerSecond() {
            return ingestSeconds > 0 ? messages / ingestSeconds : 0;
        }

        /** Messages per CPU second of the ingesting thread: the rate if that thread had a core to itself. */
        @JsonProperty
        public double messagesPerThreadCpuSecond() {
            return ingestThreadCpuSeconds > 0 ? messages / ingestThreadCpuSeconds : 0;
        }

        /** Messages per CPU second of the whole process during ingest. */
        @JsonProperty
        public double messagesPerProcessCpuSecond() {
            return ingestProcessCpuSeconds > 0 ? messages / ingestProcessCpuSeconds : 0;
        }

        @JsonProperty
        public double searchMillis() {
            return scores.isEmpty() ? 0 : 1000 * searchSeconds / scores.size();
        }

        /** One row per question type (in order of first appearance), then {@code overall}. */
        @JsonProperty
        public List<Row> rows() {
            Map<String, List<QuestionScore>> byType = new LinkedHashMap<>();
            for (QuestionScore s : scores) byType.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s);
            List<Row> out = new ArrayList<>();
            byType.forEach((type, list) -> out.add(Row.of(type, list)));
            out.add(Row.of("overall", scores));
            return out;
        }
    }

    /**
     * Means over the questions of a row: recall over the questions that have that evidence ({@code recallQuestions},
     * {@code turnQuestions}), tokens over all of them. A mean without any question is null.
     */
    public record Row(String type, int questions, int abstentions, int recallQuestions, Double session5, Double session10,
                      Double sessionAny10, Double sessionAll10, int turnQuestions, Double turn5, Double turn10, double contextTokens,
                      int updateQuestions, Double newestFirst) {

        static Row of(String type, List<QuestionScore> s) {
            return new Row(type, s.size(), (int) s.stream().filter(QuestionScore::abstention).count(),
                    (int) s.stream().filter(q -> q.session10() != null).count(),
                    mean(s, QuestionScore::session5), mean(s, QuestionScore::session10),
                    mean(s, QuestionScore::sessionAny10), mean(s, QuestionScore::sessionAll10),
                    (int) s.stream().filter(q -> q.turn10() != null).count(),
                    mean(s, QuestionScore::turn5), mean(s, QuestionScore::turn10),
                    s.stream().mapToInt(QuestionScore::contextTokens).average().orElse(0),
                    (int) s.stream().filter(q -> q.newestFirst() != null).count(), mean(s, QuestionScore::newestFirst));
        }

        private static Double mean(List<QuestionScore> s, Function<QuestionScore, Double> f) {
            var values = s.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
            return values.getCount() == 0 ? null : values.getAverage();
        }
    }

    public String markdown() {
        var md = new StringBuilder();
        md.append("## LongMemEval_S evidence recall\n\n");
        md.append(String.format(Locale.ROOT, "Command: `%s`  \nData: `%s`; %d questions; %.0f s in all.%n%n", command, dataset, questions, seconds));
        md.append("S@k: share of the answer sessions with a top-k result sourced from them (the README's recall); "
                + "any@10 / all@10: some / every answer session in the top 10 (recall_any / recall_all); "
                + "T@k: the same for the turns marked has_answer. Recall leaves out abstention (`_abs`) questions "
                + "(n rec) and, at turn level, questions without marked turns (n turn). Tokens: estimated tokens of the "
                + "10 returned texts per query (all questions).\n\n");
        for (SystemRun s : systems) {
            md.append(String.format(Locale.ROOT, "### %s%n%n%s. Ingest %,d messages in %.1f s (%.1f messages/s; CPU %.1f s on the"
                            + " ingesting thread, %.1f messages per CPU second; %.1f s in the whole process, %.1f per CPU second);"
                            + " search %.1f ms per query.%n%n",
                    s.name(), s.description(), s.messages(), s.ingestSeconds(), s.messagesPerSecond(), s.ingestThreadCpuSeconds(),
                    s.messagesPerThreadCpuSecond(), s.ingestProcessCpuSeconds(), s.messagesPerProcessCpuSecond(), s.searchMillis()));
            md.append("| type | n | n abs | n rec | S@5 | S@10 | any@10 | all@10 | n turn | T@5 | T@10 | tokens |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row r : s.rows()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s | %s | %s | %d | %s | %s | %.0f |%n",
                        r.type(), r.questions(), r.abstentions(), r.recallQuestions(), pct(r.session5()), pct(r.session10()),
                        pct(r.sessionAny10()), pct(r.sessionAll10()), r.turnQuestions(), pct(r.turn5()), pct(r.turn10()), r.contextTokens()));
            }
            md.append('\n');
        }
        md.append("### Overall, side by side\n\nnewest first: knowledge-update questions (n upd) whose newest answer session ranks above "
                + "the older ones in the top 10.\n\n| system | S@5 | S@10 | T@5 | T@10 | tokens | n upd | newest first | messages/s |"
                + " messages / thread CPU s | messages / process CPU s |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SystemRun s : systems) {
            Row r = s.rows().getLast();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %d | %s | %.1f | %.1f | %.1f |%n", s.name(),
                    pct(r.session5()), pct(r.session10()), pct(r.turn5()), pct(r.turn10()), r.contextTokens(), r.updateQuestions(),
                    pct(r.newestFirst()), s.messagesPerSecond(), s.messagesPerThreadCpuSecond(), s.messagesPerProcessCpuSecond()));
        }
        return md.toString();
    }

    private static String pct(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
