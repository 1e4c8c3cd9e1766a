package dev.engram.core.extract.offline;

import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One extractor instance serves concurrent requests with the same results as sequential calls. */
class ConcurrencyTest {

    private static final List<String> MESSAGES = List.of(
        "I live in Berlin and work at SAP. I went hiking last Saturday.",
        "我住在上海，在腾讯工作。我上周六去爬山了。",
        "My name is Alice. I'm 30 years old. My favorite color is blue.",
        "我叫小明。我最喜欢的颜色是蓝色。");

    @Test
    void sharedInstanceIsThreadSafe() throws Exception {
        OfflineExtractor extractor = new OfflineExtractor();
        List<ExtractionRequest> requests = MESSAGES.stream()
            .map(m -> new ExtractionRequest(List.of(Message.user(m).at(Conversations.WEDNESDAY)), Scope.user("u1"),
                Conversations.WEDNESDAY, Conversations.UTC, "Don't store anything about salary", Conversations.DEFAULT_CATEGORIES))
            .toList();
        List<Extraction> expected = requests.stream().map(extractor::extract).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int index = i % requests.size();
                results.add(pool.submit(() -> extractor.extract(requests.get(index)).equals(expected.get(index))));
            }
            for (Future<Boolean> result : results) assertThat(result.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).allSatisfy(e -> assertThat(e.facts()).hasSizeGreaterThanOrEqualTo(2));
    }
}
