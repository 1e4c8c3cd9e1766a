package dev.engram.bench.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.bench.quality.Conversation;
import dev.engram.bench.quality.QualityDataset;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server speaks OpenAI's protocol well enough for LangChain4j's own client, over real loopback HTTP. */
class ScriptedExtractorServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void langChain4jOpenAiClientGetsTheScriptedExtraction() throws Exception {
        Conversation chinese = QualityDataset.load().conversations().stream()
                .filter(c -> c.id().startsWith("15-")).findFirst().orElseThrow();
        try (var server = ScriptedExtractorServer.start()) {
            server.play(chinese);
            ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test").modelName("scripted")
                    .timeout(Duration.ofSeconds(10)).build();
            String conversation = chinese.sessions().get(0).messages().stream()
                    .map(m -> m.role() + ": " + m.content()).reduce("", (a, b) -> a + b + "\n");

            var response = model.chat(SystemMessage.from("Extract facts as JSON."), UserMessage.from(conversation));

            JsonNode facts = JSON.readTree(response.aiMessage().text()).get("facts");
            assertThat(facts.findValuesAsText("text")).contains("名字叫李娜", "不喜欢吃辣", "养了一只叫土豆的英短蓝猫");
            assertThat(response.tokenUsage().inputTokenCount()).isPositive();
            assertThat(server.requests()).isEqualTo(1);
            assertThat(server.failures()).isZero();
        }
    }

    @Test
    void otherPathsAndRequestsBeforePlayAreRejected() throws Exception {
        try (var server = ScriptedExtractorServer.start(); var http = HttpClient.newHttpClient()) {
            var early = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
            var wrongPath = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/embeddings"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(early.statusCode()).isEqualTo(404);
            assertThat(wrongPath.statusCode()).isEqualTo(404);
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(server.failures()).isEqualTo(2);
        }
    }
}
