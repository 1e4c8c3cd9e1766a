package dev.engram.bench.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the quality set against its schema: shapes and sizes, unique ids, every evidence id pointing at a real message,
 * questions in the conversation's language, and the per-language minimums of the whole set. Collects every problem
 * instead of stopping at the first, so a broken dataset is fixed in one pass.
 */
public final class DatasetValidator {

    public static final int MIN_CONVERSATIONS = 32;
    public static final int MIN_PER_LANGUAGE = 14;
    static final int MIN_SESSIONS = 3, MAX_SESSIONS = 6;
    static final int MIN_MESSAGES = 10, MAX_MESSAGES = 40;
    static final int MIN_QUESTIONS = 4, MAX_QUESTIONS = 8;

    private static final Set<String> LANGUAGES = Set.of("en", "zh", "mixed");
    private static final Set<String> ROLES = Set.of("user", "assistant");
    private static final Pattern ID = Pattern.compile("\\d{2}-[a-z0-9-]+");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private DatasetValidator() {
    }

    /** Problems of the whole set (each conversation plus the set-level minimums); empty when valid. */
    public static List<String> validate(Map<String, Conversation> conversationsByFile) {
        var problems = new ArrayList<String>();
        var ids = new HashSet<String>();
        int en = 0, zh = 0;
        for (var entry : conversationsByFile.entrySet()) {
            Conversation c = entry.getValue();
            problems.addAll(validate(entry.getKey(), c));
            if (c.id() != null && !ids.add(c.id())) problems.add(entry.getKey() + ": duplicate conversation id " + c.id());
            if ("en".equals(c.language())) en++;
            if ("zh".equals(c.language())) zh++;
        }
        if (conversationsByFile.size() < MIN_CONVERSATIONS) {
            problems.add("dataset: " + conversationsByFile.size() + " conversations, need at least " + MIN_CONVERSATIONS);
        }
        if (en < MIN_PER_LANGUAGE) problems.add("dataset: " + en + " English conversations, need at least " + MIN_PER_LANGUAGE);
        if (zh < MIN_PER_LANGUAGE) problems.add("dataset: " + zh + " Chinese conversations, need at least " + MIN_PER_LANGUAGE);
        return problems;
    }

    /** Problems of one conversation, each prefixed with its file name. */
    public static List<String> validate(String file, Conversation c) {
        var p = new ArrayList<String>();
        String at = file + ": ";
        if (c.id() == null || !ID.matcher(c.id()).matches()) p.add(at + "id must look like NN-short-name, got " + c.id());
        else if (!file.equals(c.id() + ".json")) p.add(at + "file name must be <id>.json (id " + c.id() + ")");
        if (!LANGUAGES.contains(c.language())) p.add(at + "language must be one of " + LANGUAGES + ", got " + c.language());
        if (c.userId() == null || c.userId().isBlank()) p.add(at + "user_id is required");
        if (c.sessions().size() < MIN_SESSIONS || c.sessions().size() > MAX_SESSIONS) {
            p.add(at + c.sessions().size() + " sessions, need " + MIN_SESSIONS + ".." + MAX_SESSIONS);
        }
        var messages = c.messages();
        if (messages.size() < MIN_MESSAGES || messages.size() > MAX_MESSAGES) {
            p.add(at + messages.size() + " messages, need " + MIN_MESSAGES + ".." + MAX_MESSAGES);
        }
        checkMessages(at, c, p);
        Set<String> known = c.messagesById().keySet();
        // Memories are facts about the user, taken from what the user says; the assistant's replies are context only.
        Set<String> userSaid = new HashSet<>();
        c.messages().stream().filter(m -> "user".equals(m.role())).forEach(m -> userSaid.add(m.id()));

        if (c.goldFacts().isEmpty()) p.add(at + "gold_facts is empty");
        for (int i = 0; i < c.goldFacts().size(); i++) {
            var f = c.goldFacts().get(i);
            if (f.text() == null || f.text().isBlank()) p.add(at + "gold_facts[" + i + "] has no text");
            checkEvidence(at + "gold_facts[" + i + "]", f.evidence(), known, p);
            checkSaidByUser(at + "gold_facts[" + i + "]", f.evidence(), known, userSaid, p);
        }
        for (int i = 0; i < c.duplicates().size(); i++) {
            var group = c.duplicates().get(i);
            if (group.size() < 2) p.add(at + "duplicates[" + i + "] needs at least two message ids");
            if (c.goldFacts().stream().noneMatch(f -> f.active() && f.evidence().containsAll(group))) {
                p.add(at + "duplicates[" + i + "]: no active gold fact cites every message of the group");
            }
            checkEvidence(at + "duplicates[" + i + "]", group, known, p);
            checkSaidByUser(at + "duplicates[" + i + "]", group, known, userSaid, p);
        }
        for (int i = 0; i < c.supersedes().size(); i++) {
            var s = c.supersedes().get(i);
            checkEvidence(at + "supersedes[" + i + "].old", s.old(), known, p);
            checkEvidence(at + "supersedes[" + i + "].new", s.replacement(), known, p);
            checkSaidByUser(at + "supersedes[" + i + "]", s.old(), known, userSaid, p);
            checkSaidByUser(at + "supersedes[" + i + "]", s.replacement(), known, userSaid, p);
            checkOrder(at + "supersedes[" + i + "]", s, c, p);
            // The scripted extractor and the supersede metric pair the two sides through the gold facts.
            if (c.goldFacts().stream().noneMatch(f -> !f.active() && f.evidence().stream().anyMatch(s.old()::contains))) {
                p.add(at + "supersedes[" + i + "]: no inactive gold fact cites the old messages " + s.old());
            }
            if (c.goldFacts().stream().noneMatch(f -> f.active() && f.evidence().stream().anyMatch(s.replacement()::contains))) {
                p.add(at + "supersedes[" + i + "]: no active gold fact cites the new messages " + s.replacement());
            }
        }
        if (c.questions().size() < MIN_QUESTIONS || c.questions().size() > MAX_QUESTIONS) {
            p.add(at + c.questions().size() + " questions, need " + MIN_QUESTIONS + ".." + MAX_QUESTIONS);
        }
        for (int i = 0; i < c.questions().size(); i++) {
            var q = c.questions().get(i);
            String where = at + "questions[" + i + "]";
            if (q.question() == null || q.question().isBlank()) p.add(where + " has no question");
            if (q.answer() == null || q.answer().isBlank()) p.add(where + " has no answer");
            if (QuestionCategory.fromLabel(q.category()).isEmpty()) p.add(where + " has unknown category " + q.category());
            if (q.category() != null && q.category().equals("multi-hop") && q.evidence().size() < 2) {
                p.add(where + " is multi-hop but cites fewer than two messages");
            }
            checkEvidence(where, q.evidence(), known, p);
            checkQuestionLanguage(where, c.language(), q.question(), p);
        }
        return p;
    }

    private static void checkMessages(String at, Conversation c, List<String> p) {
        var messageIds = new HashSet<String>();
        var sessionIds = new HashSet<String>();
        Instant previous = null;
        boolean userSpeaks = false;
        for (var s : c.sessions()) {
            if (s.sessionId() == null || !sessionIds.add(s.sessionId())) p.add(at + "missing or duplicate session_id " + s.sessionId());
            if (s.messages().isEmpty()) p.add(at + "session " + s.sessionId() + " has no messages");
            for (var m : s.messages()) {
                String where = at + "message " + m.id();
                if (m.id() == null || m.id().isBlank()) p.add(at + "a message in session " + s.sessionId() + " has no id");
                else if (!messageIds.add(m.id())) p.add(where + " is not unique");
                if (!ROLES.contains(m.role())) p.add(where + " has role " + m.role() + ", need user or assistant");
                userSpeaks |= "user".equals(m.role());
                if (m.content() == null || m.content().isBlank()) p.add(where + " has no content");
                if (m.timestamp() == null) p.add(where + " has no timestamp");
                else {
                    if (previous != null && m.timestamp().isBefore(previous)) p.add(where + " is earlier than the message before it");
                    previous = m.timestamp();
                }
            }
        }
        if (!userSpeaks) p.add(at + "the user never speaks");
    }

    private static void checkEvidence(String where, List<String> evidence, Set<String> known, List<String> p) {
        if (evidence.isEmpty()) p.add(where + " cites no messages");
        for (String id : evidence) {
            if (!known.contains(id)) p.add(where + " cites unknown message " + id);
        }
    }

    private static void checkSaidByUser(String where, List<String> ids, Set<String> known, Set<String> userSaid, List<String> p) {
        for (String id : ids) {
            if (known.contains(id) && !userSaid.contains(id)) p.add(where + " cites " + id + ", which the user did not say");
        }
    }

    /** A superseding statement must come after the statement it replaces. */
    private static void checkOrder(String where, Conversation.Supersede s, Conversation c, List<String> p) {
        var order = new java.util.HashMap<String, Integer>();
        var messages = c.messages();
        for (int i = 0; i < messages.size(); i++) order.putIfAbsent(messages.get(i).id(), i);
        int lastOld = s.old().stream().mapToInt(id -> order.getOrDefault(id, -1)).max().orElse(-1);
        int firstNew = s.replacement().stream().mapToInt(id -> order.getOrDefault(id, Integer.MAX_VALUE)).min().orElse(Integer.MAX_VALUE);
        if (lastOld >= 0 && firstNew != Integer.MAX_VALUE && firstNew <= lastOld) p.add(where + ": new must come after old");
    }

    private static void checkQuestionLanguage(String where, String language, String question, List<String> p) {
        if (question == null) return;
        boolean han = HAN.matcher(question).find();
        if ("zh".equals(language) && !han) p.add(where + " must be in Chinese: " + question);
        if ("en".equals(language) && han) p.add(where + " must be in English: " + question);
    }
}
