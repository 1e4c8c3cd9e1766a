package dev.engram.core.engine;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The second stage on constructed candidates: the order it gives, and that it differs from the first stage's. */
class RerankerTest {

    /** A deterministic bag-of-words model: each word adds to one of 64 dimensions. */
    private static final class WordsModel implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> {
                float[] v = new float[64];
                v[0] = 0.01f;
                for (String w : s.text().toLowerCase().split("\\W+")) if (!w.isEmpty()) v[Math.floorMod(w.hashCode(), 64)] += 1;
                return Embedding.from(v);
            }).toList());
        }

        @Override
        public int dimension() {
            return 64;
        }
    }

    private static final String QUESTION = "Which hiking trail did my sister recommend?";

    private static List<Integer> order(double[] scores) {
        return IntStream.range(0, scores.length).boxed().sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed()).toList();
    }

    private static double[] firstStage(List<Reranker.Candidate> candidates) {
        return candidates.stream().mapToDouble(Reranker.Candidate::score).toArray();
    }

    @Test
    void theCandidateHoldingTheWholeQuestionRisesAboveOneTheFirstStagePreferred() {
        List<Reranker.Candidate> candidates = List.of(
                new Reranker.Candidate("We talked about hiking gear and boots for the winter.", 0.9, 0.8, false, null, null),
                new Reranker.Candidate("My sister recommended the Eagle Peak trail for hiking.", 0.7, 0.7, false, null, null),
                new Reranker.Candidate("Trail mix recipes for long drives.", 0.6, 0.5, false, null, null));
        Reranker reranker = new Reranker(RerankSettings.defaults().withWeights(0.3, 0.2, 0), null);

        double[] second = reranker.rescore(QUESTION, new float[0], candidates);

        assertThat(order(firstStage(candidates))).containsExactly(0, 1, 2);
        assertThat(order(second)).containsExactly(1, 0, 2);
    }

    @Test
    void wordPairsOfTheQuestionNearEachOtherOutrankTheSameWordsApart() {
        List<Reranker.Candidate> candidates = List.of(
                new Reranker.Candidate("The trail was long. Much later, hiking with friends, I met my sister who did recommend a cafe.", 0.8, 0.6, false, null, null),
                new Reranker.Candidate("My sister did recommend the hiking trail near the lake.", 0.8, 0.6, false, null, null));
        Reranker reranker = new Reranker(RerankSettings.defaults().withWeights(0, 0.3, 0), null);

        double[] second = reranker.rescore(QUESTION, new float[0], candidates);

        assertThat(second[1]).isGreaterThan(second[0]);
    }

    @Test
    void aLongMessageWhoseAnswerLiesBeyondItsEmbeddedHeadRisesByItsWindows() {
        Embedder words = new Embedder(new WordsModel(), "words");
        String filler = "Sure, here is some general background about planning a weekend outdoors with family and friends. ".repeat(8);
        String question = "sister recommended hiking trail";
        List<Reranker.Candidate> candidates = List.of(
                new Reranker.Candidate("Weekend plans with friends.", 0.9, 0.3, false, null, null),
                new Reranker.Candidate(filler + "Your sister recommended hiking trail Eagle Peak.", 0.5, 0.1, true, null, null));
        Reranker reranker = new Reranker(RerankSettings.defaults().withWeights(0, 0, 0.6), words);

        double[] second = reranker.rescore(question, words.embedQuery(question), candidates);

        assertThat(order(firstStage(candidates))).containsExactly(0, 1);
        assertThat(order(second)).containsExactly(1, 0);
    }

    @Test
    void aSessionPenaltyLetsAnotherConversationInBeforeTheSameOnesThirdMessage() {
        List<Reranker.Candidate> candidates = List.of(
                new Reranker.Candidate("a", 0.90, 0.9, false, "s1", null),
                new Reranker.Candidate("b", 0.88, 0.9, false, "s1", null),
                new Reranker.Candidate("c", 0.86, 0.9, false, "s1", null),
                new Reranker.Candidate("d", 0.80, 0.9, false, "s2", null));
        Reranker reranker = new Reranker(RerankSettings.defaults().withWeights(0, 0, 0).withSessionPenalty(0.05), null);

        double[] second = reranker.rescore("anything", new float[0], candidates);

        assertThat(order(firstStage(candidates))).containsExactly(0, 1, 2, 3);
        assertThat(order(second)).containsExactly(0, 1, 3, 2);
    }

    @Test
    void theSpeakerTheQuestionAsksAboutRises() {
        List<Reranker.Candidate> candidates = List.of(
                new Reranker.Candidate("I want a good pasta recipe for Friday.", 0.8, 0.8, false, "s1", "user"),
                new Reranker.Candidate("Try cacio e pepe: pecorino, pepper and pasta water.", 0.75, 0.7, false, "s1", "assistant"));
        Reranker reranker = new Reranker(RerankSettings.defaults().withWeights(0, 0, 0).withRoleWeight(0.2), null);

        assertThat(order(reranker.rescore("Which pasta recipe did you recommend?", new float[0], candidates))).containsExactly(1, 0);
        assertThat(order(reranker.rescore("Which pasta recipe did I want for Friday?", new float[0], candidates))).containsExactly(0, 1);
    }

    @Test
    void whatYouSaidIsAskedAboutTheAssistantButARequestIsNot() {
        assertThat(Reranker.asksAboutAssistant("Can you remind me of the hotel you recommended in Lisbon?")).isTrue();
        assertThat(Reranker.asksAboutAssistant("What was your suggestion for the wedding toast?")).isTrue();
        assertThat(Reranker.asksAboutAssistant("Can you tell me how many bikes I own?")).isFalse();
        assertThat(Reranker.asksAboutAssistant("What did I buy last week?")).isFalse();
        assertThat(Reranker.asksAboutAssistant("Which book did you recommend for my trip?")).isTrue();
    }

    @Test
    void termsAreStemmedContentWordsAndCjkPairs() {
        assertThat(Reranker.terms("What recipes did I say I was painting?")).containsExactly("recip", "paint");
        assertThat(Reranker.terms("The recipe I painted")).containsExactly("recip", "paint");
        assertThat(Reranker.terms("前端开发")).containsExactly("前端", "端开", "开发");
    }

    @Test
    void windowsCoverTheTextInOrderUpToTheirLimit() {
        String text = "word ".repeat(300);

        List<String> windows = Reranker.windows(text, 512, 8);

        assertThat(windows).hasSize(3).allMatch(w -> w.length() <= 512);
        assertThat(String.join(" ", windows).split(" ")).hasSize(300);
        assertThat(Reranker.windows(text, 512, 2)).hasSize(2);
    }
}
