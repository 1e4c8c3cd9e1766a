package dev.engram.core.extract.offline;

import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Extractor;
import dev.engram.core.extract.Fact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule-based extractor: turns English and Chinese conversations into atomic, self-contained facts without any
 * model or network call. Stateless and thread-safe.
 *
 * <p>Pipeline per source message: {@link SentenceSplitter} (sentences, then independent clauses) →
 * {@link FillerStripper} → {@link SlotDetector} → {@link FactClassifier} (keep/drop) → {@link TemporalResolver}
 * (relative dates against the message's timestamp, in the request's zone) → {@link PerspectiveRewriter} ("I" → "User"
 * or the speaker's name, "我" → "用户") → {@link Categorizer}; then the request's custom instructions
 * ({@link InstructionFilter}) and de-duplication of identical texts.
 *
 * <p>Sources: {@code user} messages; when the scope has an agent id and no user id and the assistant spoke,
 * {@code assistant} messages instead (facts the assistant states about itself). {@code system} messages never are. See {@code README.md} beside this class
 * for the conventions and limits.
 */
public final class OfflineExtractor implements Extractor {

    public static final String NAME = "offline";

    private static final String USER = "user";
    private static final String ASSISTANT = "assistant";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DANGLING = Pattern.compile("^[\\s,，、:：\\-–—]+|[\\s,，、:：\\-–—]+$");

    private final SentenceSplitter splitter = new SentenceSplitter();
    private final FactClassifier classifier = new FactClassifier();
    private final SlotDetector slots = new SlotDetector();
    private final TemporalResolver temporal = new TemporalResolver();
    private final PerspectiveRewriter rewriter = new PerspectiveRewriter();
    private final Categorizer categorizer = new Categorizer();

    @Override
    public Extraction extract(ExtractionRequest request) {
        String sourceRole = sourceRole(request.scope(), request.messages());
        InstructionFilter instructions = new InstructionFilter(request.customInstructions());
        Map<String, Fact> facts = new LinkedHashMap<>();
        List<Message> messages = request.messages();
        for (int index = 0; index < messages.size(); index++) {
            Message message = messages.get(index);
            if (message == null || message.role() == null || !sourceRole.equalsIgnoreCase(message.role().strip())) continue;
            boolean answersQuestion = index > 0 && asksQuestion(messages.get(index - 1));
            for (Fact fact : factsOf(message, index, request, answersQuestion)) {
                if (!instructions.allows(fact)) continue;
                Fact previous = facts.get(fact.text());
                if (previous == null) {
                    facts.put(fact.text(), fact);
                } else if (!previous.messageIndexes().contains(index)) {
                    List<Integer> indexes = new ArrayList<>(previous.messageIndexes());
                    indexes.add(index);
                    facts.put(fact.text(), new Fact(previous.text(), indexes, previous.speaker(), previous.role(),
                        previous.eventTime(), previous.slot(), previous.categories()));
                }
            }
        }
        return new Extraction(new ArrayList<>(facts.values()), TokenUsage.NONE, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Agent-only scopes remember what the assistant says about itself, when the conversation has assistant messages
     * (Mem0 picks its agent prompt on the same condition); every other conversation remembers the user.
     */
    private static String sourceRole(Scope scope, List<Message> messages) {
        boolean agentOnly = scope != null && scope.agentId() != null && scope.userId() == null;
        boolean assistantSpoke = messages.stream().anyMatch(m -> m != null && m.role() != null && ASSISTANT.equalsIgnoreCase(m.role().strip()));
        return agentOnly && assistantSpoke ? ASSISTANT : USER;
    }

    /** Whether {@code message} is the assistant asking something, so the next user message answers it. */
    private static boolean asksQuestion(Message message) {
        if (message == null || message.role() == null || message.content() == null) return false;
        String content = message.content().strip();
        return ASSISTANT.equalsIgnoreCase(message.role().strip()) && (content.endsWith("?") || content.endsWith("？"));
    }

    private List<Fact> factsOf(Message message, int index, ExtractionRequest request, boolean answersQuestion) {
        String role = message.role().strip().toLowerCase(Locale.ROOT);
        String name = message.name() == null || message.name().isBlank() ? null : message.name().strip();
        String speaker = name != null ? name : role;
        ZoneId zone = request.zone();
        Instant said = message.timestamp() != null ? message.timestamp()
            : request.referenceTime() != null ? request.referenceTime() : Instant.now();
        LocalDate today = LocalDate.ofInstant(said, zone);
        boolean assistant = ASSISTANT.equals(role);

        List<Fact> out = new ArrayList<>();
        boolean first = true;
        for (Sentence sentence : splitter.split(message.content())) {
            String statement = FillerStripper.strip(sentence.text());
            boolean answer = first && answersQuestion && !assistant;
            first = false;
            if (statement.isEmpty()) continue;
            String attribute = slots.detect(statement);
            if (!classifier.keep(statement, sentence.question(), assistant, name, attribute != null, answer)) continue;
            TemporalResolver.Result dated = temporal.resolve(statement, today, zone);
            String label = PerspectiveRewriter.subjectLabel(name, role, Language.of(statement));
            String text = tidy(rewriter.rewrite(dated.text(), label));
            if (text.isEmpty()) continue;
            String slot = attribute == null ? null : speaker.toLowerCase(Locale.ROOT) + "|" + attribute;
            List<String> categories = categorizer.categorize(text, slot, request.categories());
            out.add(new Fact(text, List.of(index), speaker, role, dated.eventTime(), slot, categories));
        }
        return out;
    }

    /** Collapses white space and drops dangling punctuation left by splitting. */
    private static String tidy(String text) {
        return DANGLING.matcher(WHITESPACE.matcher(text).replaceAll(" ")).replaceAll("").strip();
    }
}
