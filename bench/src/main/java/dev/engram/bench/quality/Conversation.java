package dev.engram.bench.quality;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One multi-session conversation of the memory-quality set with its gold annotations (see
 * {@code quality/README.md} for the schema).
 *
 * @param language   "en", "zh" or "mixed"
 * @param duplicates groups of message ids that state the same fact again; one memory should cover each group
 * @param supersedes facts stated in {@code old} messages that {@code new} messages contradict
 */
public record Conversation(
        String id,
        String language,
        @JsonProperty("user_id") String userId,
        @JsonProperty("agent_id") String agentId,
        List<Session> sessions,
        @JsonProperty("gold_facts") List<GoldFact> goldFacts,
        List<List<String>> duplicates,
        List<Supersede> supersedes,
        List<Question> questions) {

    public Conversation {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        goldFacts = goldFacts == null ? List.of() : List.copyOf(goldFacts);
        duplicates = duplicates == null ? List.of() : duplicates.stream().map(List::copyOf).toList();
        supersedes = supersedes == null ? List.of() : List.copyOf(supersedes);
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** Every message of every session, in conversation order. */
    public List<DatasetMessage> messages() {
        return sessions.stream().flatMap(s -> s.messages().stream()).toList();
    }

    /** Messages by id (ids are unique within a conversation once validated). */
    public Map<String, DatasetMessage> messagesById() {
        return messages().stream().collect(Collectors.toMap(DatasetMessage::id, Function.identity(), (a, b) -> a));
    }

    public record Session(@JsonProperty("session_id") String sessionId, List<DatasetMessage> messages) {
        public Session {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }

    /** A fact a perfect extractor would produce; {@code active=false} when a later message contradicts it. */
    public record GoldFact(String text, List<String> evidence, boolean active) {
        public GoldFact {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    public record Supersede(List<String> old, @JsonProperty("new") List<String> replacement) {
        public Supersede {
            old = old == null ? List.of() : List.copyOf(old);
            replacement = replacement == null ? List.of() : List.copyOf(replacement);
        }
    }

    public record Question(String question, String answer, List<String> evidence, String category) {
        public Question {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }
}
