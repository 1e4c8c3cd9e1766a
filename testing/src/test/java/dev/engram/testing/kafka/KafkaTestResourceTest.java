package dev.engram.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.testing.support.FieldInjector;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** The lifecycle Quarkus drives (init, start, inject, stop), driven by hand. */
class KafkaTestResourceTest {

    @InjectKafka
    KafkaBroker injected;

    KafkaBroker notAnnotated;

    @Test
    void pointsTheApplicationAtTheSharedBrokerWithItsTopics() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        resource.init(Map.of("topics", "resource-events:2, resource-plain"));

        Map<String, String> config = resource.start();
        resource.inject(new FieldInjector(this));
        resource.stop();

        KafkaBroker shared = KafkaBroker.shared();
        assertThat(config).containsEntry("kafka.bootstrap.servers", shared.bootstrapServers())
                .containsEntry("quarkus.kafka.devservices.enabled", "false");
        assertThat(injected).isSameAs(shared);
        assertThat(notAnnotated).isNull();
        assertThat(shared.isRunning()).as("the shared broker outlives stop()").isTrue();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers")))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("resource-events", "resource-plain"))
                    .allTopicNames().get();
            assertThat(topics.get("resource-events").partitions()).hasSize(2);
            assertThat(topics.get("resource-plain").partitions()).hasSize(1);
        }

        KafkaTestResource again = new KafkaTestResource();
        again.init(Map.of("topics", "resource-events:2"));
        assertThat(again.start()).containsEntry("kafka.bootstrap.servers", shared.bootstrapServers());
    }

    @Test
    void rejectsAMalformedTopicList() {
        assertThat(KafkaTestResource.parseTopics(" a:3 ,b,, ")).containsExactly(Map.entry("a", 3), Map.entry("b", 1));
        assertThatThrownBy(() -> KafkaTestResource.parseTopics("a:many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a:many");
    }
}
