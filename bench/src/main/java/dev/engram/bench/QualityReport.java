package dev.engram.bench;

import dev.engram.bench.llm.ScriptedExtractorServer;
import dev.engram.bench.quality.Conversation;
import dev.engram.bench.quality.ConversationResult;
import dev.engram.bench.quality.ConversationRunner;
import dev.engram.bench.quality.InvalidDatasetException;
import dev.engram.bench.quality.QualityDataset;
import dev.engram.bench.quality.QualityReportMarkdown;
import dev.engram.core.Memory;
import dev.engram.core.engine.BundledEmbedding;
import dev.engram.core.engine.EngineSettings;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code ./engram quality}: plays every conversation of the quality set into a fresh embedded memory, scores it and
 * prints a Markdown report (also written to {@code target/quality-report.md}).
 *
 * <pre>
 *   --mode offline         the default offline extractor and reconciler (no network)
 *   --mode scripted-llm    the LLM path against an in-process OpenAI-compatible server playing a perfect extractor
 *   --llm-base-url URL     the LLM path against a real OpenAI-compatible server (with --llm-model, --llm-api-key)
 *   --only PREFIX          only conversations whose id starts with PREFIX (e.g. 01, 15-shanghai)
 *   --out FILE             where to write the report (default target/quality-report.md)
 *   --rerank true          every search asks for the second stage (rerank: true)
 * </pre>
 * Exit status: 0 done, 2 bad arguments, 3 invalid dataset, 1 the run failed.
 */
public final class QualityReport {

    private static final Set<String> OPTIONS = Set.of("mode", "llm-base-url", "llm-model", "llm-api-key", "only", "out", "embedding-model", "rerank");

    private QualityReport() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("quality: " + e.getMessage());
            return 2;
        }
        String mode = cli.has("llm-base-url") ? "llm" : cli.get("mode", "offline");
        if (!Set.of("offline", "scripted-llm", "llm").contains(mode)) {
            System.err.println("quality: --mode must be offline or scripted-llm (or give --llm-base-url), got " + mode);
            return 2;
        }
        QualityDataset dataset;
        try {
            dataset = QualityDataset.load();
        } catch (InvalidDatasetException e) {
            System.err.println("quality: " + e.getMessage());
            return 3;
        }
        List<Conversation> conversations = dataset.conversations().stream()
                .filter(c -> c.id().startsWith(cli.get("only", ""))).toList();
        if (conversations.isEmpty()) {
            System.err.println("quality: no conversation id starts with " + cli.get("only", ""));
            return 2;
        }
        boolean rerank = Boolean.parseBoolean(cli.get("rerank", "false"));
        try {
            String report = switch (mode) {
                case "offline" -> {
                    BundledEmbedding model = BundledEmbedding.valueOf(cli.get("embedding-model", BundledEmbedding.BGE_SMALL_ZH.name()));
                    yield evaluate("offline, " + model + (rerank ? ", rerank" : ""), conversations, rerank, c -> Memory.builder().inMemory().embedder(model.embedder())
                            .settings(EngineSettings.defaults().withRetrieval(model.retrieval())).build());
                }
                case "scripted-llm" -> scripted(conversations, rerank);
                default -> {
                    String model = cli.get("llm-model", "gpt-4o-mini");
                    ChatModel chat = openAi(cli.get("llm-base-url", null), cli.get("llm-api-key", System.getenv().getOrDefault("OPENAI_API_KEY", "none")), model);
                    yield evaluate("llm (" + model + " at " + cli.get("llm-base-url", null) + ")", conversations, rerank, c -> withChatModel(chat));
                }
            };
            System.out.println(report);
            Path out = Path.of(cli.get("out", "target/quality-report.md"));
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.err.println("quality: report written to " + out.toAbsolutePath());
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("quality: the run failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    private static String scripted(List<Conversation> conversations, boolean rerank) throws IOException {
        try (ScriptedExtractorServer server = ScriptedExtractorServer.start()) {
            ChatModel chat = openAi(server.baseUrl(), "scripted", "scripted-perfect-extractor");
            String report = evaluate("scripted-llm (perfect extractor from the gold facts)", conversations, rerank, c -> {
                server.play(c);
                return withChatModel(chat);
            });
            System.err.println("quality: the scripted server answered " + server.requests() + " requests, " + server.failures() + " unanswerable");
            return report;
        }
    }

    private static String evaluate(String mode, List<Conversation> conversations, boolean rerank, Function<Conversation, Memory> memoryFor) {
        var runner = new ConversationRunner(new SimpleMeterRegistry(), rerank);
        var results = new ArrayList<ConversationResult>();
        for (Conversation c : conversations) {
            try (Memory memory = memoryFor.apply(c)) {
                results.add(runner.run(memory, c));
            }
            System.err.println("quality: " + c.id() + " done");
        }
        return QualityReportMarkdown.render(mode, results, runner.addLatency(), runner.searchLatency());
    }

    private static Memory withChatModel(ChatModel chat) {
        return Memory.builder().inMemory().chatModel(chat).build();
    }

    private static ChatModel openAi(String baseUrl, String apiKey, String model) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(model)
                .temperature(0.0)
                .timeout(Duration.ofSeconds(120))
                .build();
    }
}
