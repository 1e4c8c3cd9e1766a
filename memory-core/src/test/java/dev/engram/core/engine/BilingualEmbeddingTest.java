package dev.engram.core.engine;

import dev.engram.core.Memory;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BilingualEmbeddingTest {

    private final Embedder bilingual = BundledEmbedding.BILINGUAL.embedder();

    @Test
    void eachTextIsEmbeddedByTheModelOfItsLanguage() {
        assertThat(bilingual.dimension()).isEqualTo(512 + 384);
        List<float[]> v = bilingual.embedAll(List.of("用户偏好使用React和TypeScript开发", "I prefer React and TypeScript"));

        assertThat(norm(v.get(0), 0, 512)).isCloseTo(1, within(1e-3));
        assertThat(norm(v.get(0), 512, 896)).isZero();
        assertThat(norm(v.get(1), 0, 512)).isZero();
        assertThat(norm(v.get(1), 512, 896)).isCloseTo(1, within(1e-3));
    }

    @Test
    void aQueryMeetsBothLanguagesWithUnitLength() {
        float[] q = bilingual.embedQuery("frontend development");
        assertThat(norm(q, 0, 512)).isCloseTo(Math.sqrt(0.5), within(1e-3));
        assertThat(norm(q, 512, 896)).isCloseTo(Math.sqrt(0.5), within(1e-3));
    }

    @Test
    void aQueryIsEachModelsOwnVectorScaledInItsHalfAlsoUnderConcurrentSearches() throws Exception {
        // Each half alone, from the model of its language: the query's halves must be these, scaled, in this order.
        float[] zhHalf = bilingual.embed("前端开发");
        String en = "frontend development";
        float[] enHalf = bilingual.embed(en);
        float[] zhQuery = bilingual.embedQuery("前端开发");
        float[] enQuery = bilingual.embedQuery(en);
        // The CJK half of a Chinese query is its CJK model's vector, scaled by 1/√2; likewise the other half of an English one.
        for (int i = 0; i < 512; i++) assertThat((double) zhQuery[i]).isCloseTo(zhHalf[i] / Math.sqrt(2), within(1e-4));
        for (int i = 512; i < 896; i++) assertThat((double) enQuery[i]).isCloseTo(enHalf[i] / Math.sqrt(2), within(1e-4));

        // Eight searches at once all get the same vector.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<float[]>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) futures.add(pool.submit(() -> bilingual.embedQuery(en)));
            for (var f : futures) {
                float[] v = f.get();
                for (int i = 0; i < v.length; i++) assertThat((double) v[i]).isCloseTo(enQuery[i], within(1e-4));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEnglishAcknowledgementNeverOutranksTheChineseFactOfTheSameConversation() {
        try (Memory memory = Memory.builder().inMemory().embedder(bilingual)
                .settings(EngineSettings.defaults().withRetrieval(BundledEmbedding.BILINGUAL.retrieval())).build()) {
            Scope zh = Scope.user("developer_001");
            memory.add(List.of(Message.user("用户偏好使用React和TypeScript开发"), Message.assistant("Noted.")), zh);
            assertThat(memory.search("前端开发", zh).get(0).memory().text()).contains("React").contains("TypeScript");

            memory.add(List.of(Message.user("最近搬到了上海"), Message.assistant("Got it, thanks for letting me know!")), zh);
            assertThat(memory.search("前端开发", zh).get(0).memory().text()).contains("React").contains("TypeScript");
        }
    }

    @Test
    void theSeedExampleStillRanksFirstAndItsEnglishTwinToo() {
        try (Memory memory = Memory.builder().inMemory().embedder(bilingual)
                .settings(EngineSettings.defaults().withRetrieval(BundledEmbedding.BILINGUAL.retrieval())).build()) {
            Scope zh = Scope.user("developer_001");
            for (String t : List.of("用户偏好使用React和TypeScript开发", "周末喜欢去郊外徒步", "养了一只叫咪咪的猫", "最近搬到了上海")) memory.add(t, zh);
            Scope en = Scope.user("developer_002");
            for (String t : List.of("I prefer using React and TypeScript for development.", "I love hiking in the mountains on weekends.",
                    "I have a cat called Mimi.", "I recently moved to Shanghai.")) memory.add(t, en);

            List<SearchHit> zhHits = memory.search("前端开发", zh);
            List<SearchHit> enHits = memory.search("frontend development", en);

            assertThat(zhHits.get(0).memory().text()).contains("React").contains("TypeScript");
            assertThat(enHits.get(0).memory().text()).contains("React").contains("TypeScript");
        }
    }

    private static double norm(float[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i] * v[i];
        return Math.sqrt(s);
    }
}
