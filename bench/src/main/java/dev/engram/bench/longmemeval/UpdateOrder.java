package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalDataset.Question;
import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;
import dev.engram.bench.longmemeval.Retriever.Retrieved;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Knowledge updates (issue 11, part 4): on a knowledge-update question whose answer sessions have different dates, is
 * the current value above the superseded one? The newest answer session holds the current value; the question counts
 * as ordered when a top-k result sourced from the newest answer session ranks above every result sourced from an older
 * one (an older session absent from the top k ranks below it; the newest absent is a failure).
 */
final class UpdateOrder {

    static final String TYPE = "knowledge-update";

    private UpdateOrder() {
    }

    /** 1 ordered, 0 not, null when the question is no knowledge update or its answer sessions cannot be told apart by date. */
    static Double newestFirst(Question q, List<Session> haystack, List<Retrieved> results, int k) {
        if (!TYPE.equals(q.type()) || q.abstention()) return null;
        Map<String, Instant> dates = new HashMap<>();
        for (Session s : haystack) if (q.answerSessionIds().contains(s.id())) dates.put(s.id(), s.date());
        if (dates.size() < 2) return null;
        Instant newestDate = dates.values().stream().max(Instant::compareTo).orElseThrow();
        List<String> newest = dates.entrySet().stream().filter(e -> e.getValue().equals(newestDate)).map(Map.Entry::getKey).toList();
        if (newest.size() == dates.size()) return null;
        int newestRank = Integer.MAX_VALUE, olderRank = Integer.MAX_VALUE;
        for (int i = 0; i < Math.min(k, results.size()); i++) {
            for (String id : results.get(i).messageIds()) {
                String session = LongMemEvalDataset.sessionOf(id);
                if (!dates.containsKey(session)) continue;
                if (newest.contains(session)) newestRank = Math.min(newestRank, i);
                else olderRank = Math.min(olderRank, i);
            }
        }
        return newestRank < olderRank ? 1.0 : 0.0;
    }
}
