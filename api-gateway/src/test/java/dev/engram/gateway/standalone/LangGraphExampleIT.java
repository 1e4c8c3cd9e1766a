package dev.engram.gateway.standalone;

import dev.engram.testing.standalone.StandaloneServer;
import dev.engram.testing.node.NodeProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The LangGraph.js example of {@code docs/examples/langgraph} (pinned {@code @langchain/langgraph}, {@code @langchain/core}
 * and the official {@code mem0ai} client) against the standalone platform as a user runs it: its graph recalls memories
 * before answering and stores the exchange after, with a scripted chat model. {@code scripted-run.mjs} asserts that a
 * preference told in one conversation reaches the model's prompt, ranked first, in the next, and not another user's.
 */
class LangGraphExampleIT {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", ".npmrc",
            "memory-agent.mjs", "scripted-run.mjs");

    @TempDir
    static Path temp;

    private static NodeProject example;
    private static StandaloneServer server;

    @BeforeAll
    static void startPlatform() throws Exception {
        assumeTrue(NodeProject.onPath("node").isPresent(), "node is not on the PATH: the LangGraph example needs Node.js 20+");
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        example = NodeProject.prepare(module.getParent().resolve("docs/examples/langgraph"), module.resolve("target/langgraph-example"),
                PROJECT_FILES, "@langchain/langgraph");
        server = StandaloneServer.start(temp.resolve("platform"), null);
    }

    @AfterAll
    static void stopPlatform() {
        if (server != null) server.close();
    }

    @Test
    void theGraphRecallsWhatAnEarlierConversationStored() throws Exception {
        int exit = example.node(List.of("scripted-run.mjs"), Map.of(
                "ENGRAM_URL", server.url(),
                "ENGRAM_API_KEY", server.generatedAdminKey(),
                "MEM0_TELEMETRY", "false",
                "MEM0_DIR", example.workDir().resolve(".mem0").toString()), "[langgraph] ", 180);
        assertEquals(0, exit, () -> "the LangGraph example failed (its output is above)\n" + server.logTail());
    }
}
