package dev.engram.core.engine;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ranks memories for a query. Facts and evidence messages are fetched separately (each side its own candidates), fused
 * into one score per candidate (scaled cosine and scaled BM25, convex; or reciprocal rank fusion), then grouped by the
 * message they came from: a message's evidence is shown only when extraction drew no fact from it that matched (else
 * its best fact stands for it, lifted by the message's score), and its other facts follow, on their own scores, in
 * the places no other message takes. So extraction can only add recall, a message's second fact is not hidden when
 * the top k has room, and answers stay compact.
 */
final class SearchRanker {

    /** A result: the record to show (text possibly an excerpt), its fused score, and the raw signals of its best candidate. */
    record Ranked(MemoryRecord shown, double score, double semantic, double keyword) {
    }

    /** One candidate from either side, with its record and fused score. */
    private record Candidate(MemoryRecord record, IndexHit hit, double score) {
    }

    /**
     * A message's result before the cut, with what the second stage reads: the evidence message itself when it was a
     * candidate (null otherwise), its best cosine, the conversation and the speaker. The second stage derives the text
     * it reads from these, so a search without it builds none.
     */
    private record Grouped(Ranked ranked, MemoryRecord message, double cosine, String session, String role) {

        /** The whole text the second stage reads: the message's, when it was a candidate, and the fact shown. */
        String text() {
            MemoryRecord shown = ranked.shown();
            return message == null ? shown.text() : shown == message ? message.text() : message.text() + "\n" + shown.text();
        }
    }

    private final VectorIndex index;
    private final MemoryStore store;
    private final RetrievalSettings settings;
    private final Reranker reranker;

    SearchRanker(VectorIndex index, MemoryStore store, RetrievalSettings settings, Embedder embedder) {
        this.index = index;
        this.store = store;
        this.settings = settings;
        this.reranker = new Reranker(settings.rerank(), embedder);
    }

    /**
     * @param facts    filter selecting the facts to consider (client filter, lifecycle, expiry)
     * @param evidence filter selecting the evidence to consider (client filter, evidence, expiry)
     * @param time     the question's time window, and the question without its time expressions (the keyword side's)
     * @param rerank   run the second stage ({@link Reranker}) over the first stage's best results before the cut
     */
    List<Ranked> rank(Tenant tenant, String query, QueryTime.Resolved time, float[] vector, Filter facts, Filter evidence, boolean hybrid,
                      boolean includeSuperseded, double threshold, int topK, boolean rerank) {
        String keywords = hybrid ? KeywordQuery.of(time.query()) : null;
        int k = Math.max(settings.candidates(), topK);
        boolean timed = time.hasWindow() && settings.timeWeight() > 0;
        List<IndexQuery> queries = new ArrayList<>(4);
        queries.add(new IndexQuery(vector, keywords, facts, k, hybrid));
        queries.add(new IndexQuery(vector, keywords, evidence, k, hybrid));
        if (timed) {
            // What the window holds is a candidate even when the words alone would not have fetched it.
            Filter inWindow = Filter.and(new Filter.Compare(Field.EVENT_TIME, Op.GTE, time.from()),
                    new Filter.Compare(Field.EVENT_TIME, Op.LT, slackEnd(time)));
            queries.add(new IndexQuery(vector, keywords, Filter.and(facts, inWindow), k, hybrid));
            queries.add(new IndexQuery(vector, keywords, Filter.and(evidence, inWindow), k, hybrid));
        }
        // One view of the index for all sides: one searcher acquired, and facts and evidence from the same refresh.
        List<IndexHit> hits = new ArrayList<>(k * queries.size());
        for (List<IndexHit> side : index.searchEach(tenant, queries)) hits.addAll(side);
        hits.removeIf(h -> h.semantic() < threshold);
        if (hits.isEmpty()) return List.of();

        Map<UUID, MemoryRecord> records = store.getAll(tenant, hits.stream().map(IndexHit::id).distinct().toList());
        double[] fused = fuse(hits, hybrid);
        long oldest = Long.MAX_VALUE, newest = Long.MIN_VALUE;
        if (settings.recencyWeight() > 0) {
            for (IndexHit h : hits) {
                MemoryRecord m = records.get(h.id());
                if (m == null || when(m) == null) continue;
                oldest = Math.min(oldest, when(m).toEpochMilli());
                newest = Math.max(newest, when(m).toEpochMilli());
            }
        }
        Map<String, List<Candidate>> byMessage = new LinkedHashMap<>();
        for (int i = 0; i < hits.size(); i++) {
            IndexHit h = hits.get(i);
            MemoryRecord m = records.get(h.id());
            if (m == null || m.state() == MemoryState.DELETED) continue; // index ahead of the store; reindex repairs it
            boolean isEvidence = m.state() == MemoryState.EVIDENCE;
            if (isEvidence && m.replacedBy() != null && !includeSuperseded) continue;
            double score = isEvidence ? fused[i] * settings.evidenceWeight() : fused[i];
            if (timed) score = (1 - settings.timeWeight()) * score + settings.timeWeight() * timeMatch(m, time);
            if (newest > oldest && when(m) != null) {
                double recency = (when(m).toEpochMilli() - oldest) / (double) (newest - oldest);
                score = (1 - settings.recencyWeight()) * score + settings.recencyWeight() * recency;
            }
            byMessage.computeIfAbsent(messageKey(m), x -> new ArrayList<>()).add(new Candidate(m, h, score));
        }

        List<Grouped> grouped = new ArrayList<>(byMessage.size());
        List<Ranked> siblings = new ArrayList<>();
        for (List<Candidate> group : byMessage.values()) represent(group, grouped, siblings);
        grouped.sort(Comparator.comparingDouble((Grouped g) -> g.ranked().score()).reversed());
        List<Ranked> out = rerank ? secondStage(time.query(), vector, grouped, topK)
                : new ArrayList<>(grouped.stream().map(Grouped::ranked).toList());
        // A message's other facts only fill the places no other message takes: they never push a message out of the
        // top k (that cost 1.6 points of recall@10 on the project's set when they competed with everything).
        siblings.sort(Comparator.comparingDouble(Ranked::score).reversed());
        out.addAll(siblings);
        if (out.size() > topK) out = out.subList(0, topK);
        // Only the results shown pay for an excerpt.
        List<Ranked> shown = new ArrayList<>(out.size());
        for (Ranked r : out) {
            MemoryRecord m = r.shown();
            shown.add(m.state() != MemoryState.EVIDENCE ? r : new Ranked(
                    m.withText(Evidence.excerpt(m.text(), query, settings.evidenceSnippetChars()), m.updatedAt()), r.score(), r.semantic(), r.keyword()));
        }
        return shown;
    }

    /**
     * The first stage's best {@code max(depth, topK)} messages re-scored by the {@link Reranker} and re-ordered; the rest
     * cannot reach the top k and are dropped.
     */
    private List<Ranked> secondStage(String query, float[] vector, List<Grouped> grouped, int topK) {
        List<Grouped> head = grouped.subList(0, Math.min(grouped.size(), Math.max(reranker.depth(), topK)));
        List<Reranker.Candidate> candidates = new ArrayList<>(head.size());
        for (Grouped g : head) {
            candidates.add(new Reranker.Candidate(g.text(), g.ranked().score(), g.cosine(), g.message() != null && partlyEmbedded(g.message()),
                    g.session(), g.role()));
        }
        double[] scores = reranker.rescore(query, vector, candidates);
        List<Ranked> out = new ArrayList<>(head.size());
        for (int i = 0; i < head.size(); i++) {
            Ranked r = head.get(i).ranked();
            out.add(new Ranked(r.shown(), Math.min(1, Math.max(0, scores[i])), r.semantic(), r.keyword()));
        }
        out.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return out;
    }

    /** The end of the window's slack: one window length after it (at least a day), since things are told after they happen. */
    private static Instant slackEnd(QueryTime.Resolved time) {
        Duration length = Duration.between(time.from(), time.to());
        return time.to().plus(length.compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1) : length);
    }

    /** A record's time: when the fact happened when known, else when it was said. */
    private static Instant when(MemoryRecord m) {
        return m.eventTime() != null ? m.eventTime() : m.createdAt();
    }

    /** 1 when the record's time (its event time, else when it was said) is in the window, 0.5 in the slack after it, else 0. */
    static double timeMatch(MemoryRecord m, QueryTime.Resolved time) {
        Instant t = when(m);
        if (t == null || t.isBefore(time.from())) return 0;
        if (t.isBefore(time.to())) return 1;
        return t.isBefore(slackEnd(time)) ? 0.5 : 0;
    }

    /** The message a record speaks for: its first source, or itself when it has none. */
    private static String messageKey(MemoryRecord m) {
        if (m.sources().isEmpty()) return m.id().toString();
        Source s = m.sources().get(0);
        return s.eventId() + '#' + s.messageIndex();
    }

    /**
     * A message's results. Into {@code out}: its best fact if any, else its evidence (cut to an excerpt later), scored by
     * the group's best candidate, so a fact ranks also by how well its message matched. Into {@code siblings}: every
     * other fact drawn from the same message, on its own score: a message that said two things ("I'm a frontend engineer
     * and I like React") gives two facts, and the second must stay findable, not hidden behind the first.
     */
    private static void represent(List<Candidate> group, List<Grouped> out, List<Ranked> siblings) {
        Candidate best = group.get(0);
        Map<UUID, Candidate> facts = new LinkedHashMap<>();
        MemoryRecord message = null;
        double cosine = -1;
        for (Candidate c : group) {
            if (c.score() > best.score()) best = c;
            cosine = Math.max(cosine, c.hit().semantic());
            if (c.record().state() != MemoryState.EVIDENCE) facts.merge(c.record().id(), c, (a, b) -> b.score() > a.score() ? b : a);
            else message = c.record();
        }
        Candidate bestFact = null;
        for (Candidate c : facts.values()) if (bestFact == null || c.score() > bestFact.score()) bestFact = c;
        MemoryRecord shown = bestFact != null ? bestFact.record() : best.record();
        Ranked ranked = new Ranked(shown, Math.min(1, best.score()), Math.max(0, best.hit().semantic()), best.hit().keyword());
        Source said = shown.sources().isEmpty() ? null : shown.sources().get(0);
        out.add(new Grouped(ranked, message, cosine, said == null ? null : said.eventId(), said == null ? shown.role() : said.role()));
        for (Candidate c : facts.values()) {
            if (c == bestFact) continue;
            siblings.add(new Ranked(c.record(), Math.min(1, c.score()), Math.max(0, c.hit().semantic()), c.hit().keyword()));
        }
    }

    /** Whether the index's vector of an evidence message leaves some of its text unread (its tail, or all of it). */
    private boolean partlyEmbedded(MemoryRecord message) {
        if (settings.evidenceFromFacts() || ("assistant".equals(message.role()) && settings.assistantFromUser())) return true;
        return message.text().length() > settings.embedChars(message.role());
    }

    /** One score per hit: convex fusion of min-max scaled cosine and max-scaled BM25, or reciprocal rank fusion. */
    private double[] fuse(List<IndexHit> hits, boolean hybrid) {
        int n = hits.size();
        double[] out = new double[n];
        if (settings.vectorShare() < 0) {
            Map<IndexHit, Integer> semanticRank = ranks(hits, Comparator.comparingDouble(IndexHit::semantic).reversed());
            Map<IndexHit, Integer> keywordRank = ranks(hits, Comparator.comparingDouble(IndexHit::keyword).reversed());
            double c = settings.rankConstant();
            for (int i = 0; i < n; i++) {
                IndexHit h = hits.get(i);
                double s = 1 / (c + semanticRank.get(h));
                if (hybrid && h.keyword() > 0) s += 1 / (c + keywordRank.get(h));
                out[i] = s * (c + 1) / 2; // 1.0 for a hit first on both sides
            }
            return out;
        }
        double minSem = Double.MAX_VALUE, maxSem = -Double.MAX_VALUE, maxKw = 0;
        for (IndexHit h : hits) {
            minSem = Math.min(minSem, h.semantic());
            maxSem = Math.max(maxSem, h.semantic());
            maxKw = Math.max(maxKw, h.keyword());
        }
        double share = hybrid && maxKw > 0 ? settings.vectorShare() : 1;
        for (int i = 0; i < n; i++) {
            IndexHit h = hits.get(i);
            double sem = maxSem > minSem ? (h.semantic() - minSem) / (maxSem - minSem) : 1;
            double kw = maxKw > 0 ? h.keyword() / maxKw : 0;
            out[i] = share * sem + (1 - share) * kw;
        }
        return out;
    }

    private static Map<IndexHit, Integer> ranks(List<IndexHit> hits, Comparator<IndexHit> order) {
        List<IndexHit> sorted = new ArrayList<>(hits);
        sorted.sort(order);
        Map<IndexHit, Integer> out = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) out.putIfAbsent(sorted.get(i), i + 1);
        return out;
    }
}
