package dev.engram.gateway.standalone;

import dev.engram.testing.standalone.StandaloneServer;
import dev.engram.testing.node.NodeProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browser extension ({@code browser-extension/extension}, Manifest V3) loaded unpacked into Debian's headless
 * Chromium, against the standalone platform as a user runs it. {@code browser-extension/test/extension-e2e.mjs} serves
 * pages built like chatgpt.com, claude.ai and perplexity.ai under those host names and checks: what is sent on one site
 * becomes a memory and is offered, and inserted with one click, on another; the pause and the per-site switches hold;
 * the popup searches and deletes; the API key never reaches a chat page.
 */
class BrowserExtensionIT {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", ".npmrc", "extension-e2e.mjs",
            "chat-site.js", "site-chatgpt.html", "site-claude.html", "site-perplexity.html");

    @TempDir
    static Path temp;

    private static NodeProject e2e;
    private static Path extension;
    private static StandaloneServer server;

    @BeforeAll
    static void startPlatform() throws Exception {
        assumeTrue(NodeProject.onPath("node").isPresent(), "node is not on the PATH: the extension's test needs Node.js");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian's Chromium is not installed (apt-get install chromium)");
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        extension = root.resolve("browser-extension/extension");
        e2e = NodeProject.prepare(root.resolve("browser-extension/test"),
                Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/browser-extension-e2e"), PROJECT_FILES,
                "playwright-core");
        server = StandaloneServer.start(temp.resolve("platform"), null);
    }

    @AfterAll
    static void stopPlatform() {
        if (server != null) server.close();
    }

    @Test
    void rememberedOnOneSiteOfferedOnAnother() throws Exception {
        int exit = e2e.node(List.of("extension-e2e.mjs"), Map.of(
                "ENGRAM_URL", server.url(),
                "ENGRAM_API_KEY", server.generatedAdminKey(),
                "EXTENSION_DIR", extension.toString()), "[extension] ", 240);
        assertEquals(0, exit, () -> "the browser extension's end-to-end test failed (its output is above)\n" + server.logTail());
    }
}
