package dev.engram.bench.longmemeval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * LongMemEval_S as stored in {@code ../shared/datasets/longmemeval-s/} (sessions once, by id; questions referencing
 * them; see that folder's README). Dates such as {@code 2023/05/20 (Sat) 00:31} carry no zone and are read as UTC.
 * A message's id is {@code <session_id>#<turn_index>}.
 */
public record LongMemEvalDataset(Map<String, List<Turn>> sessions, List<Question> questions) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd (EEE) HH:mm", java.util.Locale.ENGLISH);

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Turn(String role, String content, @JsonProperty("has_answer") boolean hasAnswer) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Question(
            @JsonProperty("question_id") String id,
            @JsonProperty("question_type") String type,
            String question,
            @JsonProperty("question_date") String date,
            @JsonProperty("answer_session_ids") List<String> answerSessionIds,
            @JsonProperty("haystack_session_ids") List<String> haystackSessionIds,
            @JsonProperty("haystack_dates") List<String> haystackDates) {

        /** An abstention question: the answer is not in the history (left out of recall). */
        public boolean abstention() {
            return id.endsWith("_abs");
        }

        public Instant time() {
            return parseDate(date);
        }
    }

    /** One session of a question's haystack, as replayed. */
    public record Session(String id, Instant date, List<Turn> turns) {
        public String messageId(int turnIndex) {
            return LongMemEvalDataset.messageId(id, turnIndex);
        }
    }

    public LongMemEvalDataset {
        sessions = Map.copyOf(sessions);
        questions = List.copyOf(questions);
    }

    public static String messageId(String sessionId, int turnIndex) {
        return sessionId + "#" + turnIndex;
    }

    /** The session part of a message id. */
    public static String sessionOf(String messageId) {
        int hash = messageId.lastIndexOf('#');
        return hash < 0 ? messageId : messageId.substring(0, hash);
    }

    public static Instant parseDate(String date) {
        return LocalDateTime.parse(date, DATE).toInstant(ZoneOffset.UTC);
    }

    /** Reads the data set, xz-compressed ({@code .xz}) or plain JSON. */
    public static LongMemEvalDataset load(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = file.toString().endsWith(".xz") ? new XZInputStream(raw) : raw) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static LongMemEvalDataset read(InputStream in) throws IOException {
        Raw raw = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readValue(in, Raw.class);
        for (Question q : raw.questions) {
            for (String s : q.haystackSessionIds()) {
                if (!raw.sessions.containsKey(s)) throw new IllegalArgumentException("Question " + q.id() + " names unknown session " + s);
            }
            if (q.haystackSessionIds().size() != q.haystackDates().size()) {
                throw new IllegalArgumentException("Question " + q.id() + ": haystack_session_ids and haystack_dates differ in length");
            }
        }
        return new LongMemEvalDataset(raw.sessions, raw.questions);
    }

    record Raw(Map<String, List<Turn>> sessions, List<Question> questions) {
    }

    /** The question's haystack in date order (the source's order breaks ties; some haystacks are not sorted). */
    public List<Session> haystack(Question q) {
        List<Session> out = new ArrayList<>();
        for (int i = 0; i < q.haystackSessionIds().size(); i++) {
            String id = q.haystackSessionIds().get(i);
            out.add(new Session(id, parseDate(q.haystackDates().get(i)), sessions.get(id)));
        }
        out.sort(Comparator.comparing(Session::date)); // stable
        return out;
    }

    /** Message ids of the turns marked {@code has_answer} in the question's answer sessions (may be empty). */
    public Set<String> goldTurns(Question q) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : q.answerSessionIds()) {
            List<Turn> turns = sessions.get(s);
            if (turns == null) continue;
            for (int i = 0; i < turns.size(); i++) if (turns.get(i).hasAnswer()) out.add(messageId(s, i));
        }
        return out;
    }

    /**
     * A stratified subset: for each question type (in order of first appearance), {@code perType} questions drawn at
     * random with {@code seed} (all of them when fewer); returned in the data set's order. {@code perType <= 0}: all.
     */
    public static List<Question> stratified(List<Question> questions, int perType, long seed) {
        if (perType <= 0) return questions;
        Map<String, List<Question>> byType = new LinkedHashMap<>();
        for (Question q : questions) byType.computeIfAbsent(q.type(), t -> new ArrayList<>()).add(q);
        Set<Question> chosen = new LinkedHashSet<>();
        var random = new SplittableRandom(seed); // java.util.Random's first draws barely differ between nearby seeds
        for (List<Question> group : byType.values()) {
            List<Question> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            chosen.addAll(shuffled.subList(0, Math.min(perType, shuffled.size())));
        }
        return questions.stream().filter(chosen::contains).toList();
    }
}
