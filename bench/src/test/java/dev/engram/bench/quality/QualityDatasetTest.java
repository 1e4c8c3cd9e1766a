package dev.engram.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualityDatasetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bundledDatasetIsValidAndMeetsTheMinimums() {
        var dataset = QualityDataset.load();

        var conversations = dataset.conversations();
        assertThat(conversations).hasSizeGreaterThanOrEqualTo(DatasetValidator.MIN_CONVERSATIONS);
        assertThat(conversations).filteredOn(c -> c.language().equals("en")).hasSizeGreaterThanOrEqualTo(14);
        assertThat(conversations).filteredOn(c -> c.language().equals("zh")).hasSizeGreaterThanOrEqualTo(14);
        assertThat(conversations).filteredOn(c -> c.language().equals("mixed")).isNotEmpty();
        for (var c : conversations) {
            var ids = c.messagesById().keySet();
            assertThat(c.messages()).as(c.id()).hasSize(ids.size());
            c.questions().forEach(q -> assertThat(ids).as(c.id() + ": " + q.question()).containsAll(q.evidence()));
        }
    }

    @Test
    void datasetCoversEveryCategoryUpdatesAndDuplicates() {
        var conversations = QualityDataset.load().conversations();

        var categories = new HashSet<String>();
        conversations.forEach(c -> c.questions().forEach(q -> categories.add(q.category())));
        assertThat(categories).containsExactlyInAnyOrder("single-hop", "multi-hop", "temporal", "update", "preference");
        assertThat(conversations.stream().filter(c -> !c.supersedes().isEmpty()).count()).isGreaterThanOrEqualTo(28);
        assertThat(conversations.stream().filter(c -> !c.duplicates().isEmpty()).count()).isGreaterThanOrEqualTo(24);
    }

    @Test
    void unknownEvidenceIdFailsTheLoadWithTheFileAndTheId(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Path victim = dir.resolve("01-berlin-move.json");
        var root = (ObjectNode) JSON.readTree(victim.toFile());
        var evidence = (ArrayNode) root.withArray("questions").get(0).withArray("evidence");
        evidence.add("m99");
        JSON.writeValue(victim.toFile(), root);

        assertThatThrownBy(() -> QualityDataset.load(dir))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("01-berlin-move.json")
                .hasMessageContaining("questions[0] cites unknown message m99");
    }

    @Test
    void questionInTheWrongLanguageAndTooFewConversationsAreReported(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Path zh = dir.resolve("15-shanghai-job-change.json");
        Files.writeString(zh, Files.readString(zh).replace("用户现在在哪家公司工作？", "Where does the user work now?"));
        Files.delete(dir.resolve("02-marathon-training.json"));

        var problems = ((InvalidDatasetException) catchLoad(dir)).problems();

        assertThat(problems).anyMatch(p -> p.startsWith("15-shanghai-job-change.json") && p.contains("must be in Chinese"));
        assertThat(problems).anyMatch(p -> p.contains("English conversations, need at least 14")
                || p.contains("conversations, need at least 32"));
    }

    @Test
    void goldFactCitingAnAssistantMessageIsRejected(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Path victim = dir.resolve("01-berlin-move.json");
        var root = (ObjectNode) JSON.readTree(victim.toFile());
        ((ArrayNode) root.withArray("gold_facts").get(0).withArray("evidence")).add("m2"); // m2 is the assistant's reply
        JSON.writeValue(victim.toFile(), root);

        assertThatThrownBy(() -> QualityDataset.load(dir))
                .hasMessageContaining("01-berlin-move.json: gold_facts[0] cites m2, which the user did not say");
    }

    @Test
    void malformedJsonIsReportedNotThrownRaw(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Files.writeString(dir.resolve("03-new-puppy.json"), "{ \"id\": ");

        assertThatThrownBy(() -> QualityDataset.load(dir))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("03-new-puppy.json: unreadable JSON");
    }

    private static RuntimeException catchLoad(Path dir) {
        try {
            QualityDataset.load(dir);
        } catch (InvalidDatasetException e) {
            return e;
        }
        throw new AssertionError("the broken dataset loaded");
    }

    /** Copies the bundled conversations (read through the class path, as the harness does) into {@code dir}. */
    private static void copyBundled(Path dir) throws IOException {
        for (var c : QualityDataset.load().conversations()) {
            String name = QualityDataset.RESOURCE_DIR + "/" + c.id() + ".json";
            try (InputStream in = Objects.requireNonNull(QualityDatasetTest.class.getClassLoader().getResourceAsStream(name))) {
                Files.writeString(dir.resolve(c.id() + ".json"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
