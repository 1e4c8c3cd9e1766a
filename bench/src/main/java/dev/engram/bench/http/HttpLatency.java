package dev.engram.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Client-side latency of a running Engram server through its Mem0 API: add acknowledged (async, PENDING) and search,
 * one thread, keep-alive. Usage: {@code HttpLatency URL API_KEY [adds] [searches]}; run against {@code ./engram up}.
 * Prints p50/p95/p99 per operation. The adds are spread over 50 users; searches ask those users' memories.
 */
public final class HttpLatency {

    private static final String[] FACTS = {
            "I prefer using React and TypeScript for frontend work.", "我周末喜欢去郊外徒步。", "I moved to Lisbon last spring.",
            "我养了一只叫豆豆的狗。", "I am allergic to shellfish.", "我在杭州做产品经理。", "I play the cello in a community orchestra.",
            "我最喜欢的菜是红烧肉。", "I'm training for a half marathon in October.", "我女儿今年上小学一年级。"};
    private static final String[] QUERIES = {"frontend development", "周末做什么", "where does the user live", "宠物", "food allergies",
            "工作", "music", "喜欢吃什么", "sports goals", "孩子"};

    private HttpLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HttpLatency URL API_KEY [adds=500] [searches=1000]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        String key = args[1];
        int adds = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int searches = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        List<Long> addNanos = new ArrayList<>();
        for (int i = 0; i < adds + 50; i++) {
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + FACTS[i % FACTS.length] + " (" + i + ")\"}],\"user_id\":\"u" + (i % 50) + "\"}";
            long t = post(http, base + "/v3/memories/add/", key, body, "PENDING");
            if (i >= 50) addNanos.add(t); // the first 50 warm up
        }
        Thread.sleep(3000); // let the queue drain so searches see the memories
        List<Long> searchNanos = new ArrayList<>();
        for (int i = 0; i < searches + 100; i++) {
            String body = "{\"query\":\"" + QUERIES[i % QUERIES.length] + "\",\"filters\":{\"user_id\":\"u" + (i % 50) + "\"},\"top_k\":10}";
            long t = post(http, base + "/v3/memories/search/", key, body, "results");
            if (i >= 100) searchNanos.add(t);
        }
        System.out.println("| operation | count | p50 ms | p95 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        print("add acknowledged (v3, async)", addNanos);
        print("search (v3, top 10, embedding included)", searchNanos);
    }

    private static long post(HttpClient http, String url, String key, String body, String expect) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Token " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (res.statusCode() != 200 || !res.body().contains(expect)) {
            throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + res.body());
        }
        return elapsed;
    }

    private static void print(String name, List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", name, s.length, pct(s, 50), pct(s, 95), pct(s, 99));
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
