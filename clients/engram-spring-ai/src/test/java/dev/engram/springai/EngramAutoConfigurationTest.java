package dev.engram.springai;

import dev.engram.client.EngramClient;
import dev.engram.springai.autoconfigure.EngramAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional Spring Boot auto-configuration: what {@code engram.*} properties give an application. */
class EngramAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EngramAutoConfiguration.class));

    @Test
    void withoutABaseUrlNothingIsConfigured() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(EngramClient.class).doesNotHaveBean(EngramMemoryAdvisor.class);
        });
    }

    @Test
    void theAdvisorUsesTheClientAndTheProperties() throws Exception {
        try (FakeEngram engram = new FakeEngram()) {
            engram.hits("Likes React");
            runner.withPropertyValues("engram.base-url=" + engram.url(), "engram.api-key=k", "engram.advisor.user-id=alice",
                    "engram.advisor.top-k=7", "engram.advisor.threshold=0.25", "engram.advisor.store=false").run(context -> {
                assertThat(context).hasSingleBean(EngramClient.class).hasSingleBean(EngramMemoryAdvisor.class);
                ScriptedChatModel model = new ScriptedChatModel("ok");
                ChatClient chat = ChatClient.builder(model).defaultAdvisors(context.getBean(EngramMemoryAdvisor.class)).build();

                chat.prompt().user("Hello").call().content();

                var search = engram.calls("/v3/memories/search/").get(0).body();
                assertThat(search.get("filters").toString()).isEqualTo("{\"user_id\":\"alice\"}");
                assertThat(search.get("top_k").asInt()).isEqualTo(7);
                assertThat(search.get("threshold").asDouble()).isEqualTo(0.25);
                assertThat(model.lastSystemText()).contains("- Likes React");
                assertThat(engram.calls("/v3/memories/add/")).isEmpty();
            });
        }
    }

    @Test
    void theAdvisorCanBeTurnedOffAndTheApplicationsOwnBeansWin() {
        runner.withPropertyValues("engram.base-url=http://127.0.0.1:9", "engram.advisor.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(EngramClient.class).doesNotHaveBean(EngramMemoryAdvisor.class);
        });
        EngramClient own = EngramClient.builder("http://127.0.0.1:9").build();
        runner.withBean(EngramClient.class, () -> own).run(context -> {
            assertThat(context.getBean(EngramClient.class)).isSameAs(own);
            assertThat(context).hasSingleBean(EngramMemoryAdvisor.class);
        });
    }
}
