package dev.engram.bench.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown tables of a {@code bench http} run, made from its JSON result (so both always say the same). */
final class HttpReport {

    private HttpReport() {
    }

    static String markdown(Map<String, Object> r) {
        var md = new StringBuilder();
        List<Map<String, Object>> levels = list(r.get("levels"));
        Map<String, Object> settings = map(r.get("settings"));
        md.append(String.format(Locale.ROOT, "%s: %,d memories, %,d users, top_k %s, %s%n%n",
                "stack".equals(r.get("platform")) ? "the distributed platform (`./engram stack`)" : "the standalone platform (`./engram up`)",
                num(settings.get("memories")).longValue(), num(settings.get("users")).longValue(), settings.get("top_k"), r.get("date")));
        md.append("| measure |");
        levels.forEach(l -> md.append(" concurrency ").append(l.get("concurrency")).append(" |"));
        md.append("\n|---|");
        levels.forEach(l -> md.append("---:|"));
        md.append('\n');
        row(md, "search through HTTP, embedding included: p50 / p95 / p99 ms", levels, l -> pcts(map(l.get("search"))));
        row(md, "search, the gateway's own timer `engram.memory.search`: mean / p50 / p95 / p99 ms", levels, l -> {
            Map<String, Object> t = map(l.get("search_server"));
            return ms(t.get("mean_ms")) + " / " + ms(t.get("p50_ms")) + " / " + ms(t.get("p95_ms")) + " / " + ms(t.get("p99_ms"));
        });
        row(md, "add, verbatim (`infer:false`, stored before the answer): p50 / p95 / p99 ms", levels, l -> pcts(map(l.get("add_verbatim"))));
        row(md, "add, inferred, acknowledged (queued, PENDING): p50 / p95 / p99 ms", levels,
                l -> pcts(map(map(l.get("inferred")).get("ack"))));
        row(md, "ingest-to-searchable, verbatim add until a search returns it: p50 / p95 / p99 ms", levels,
                l -> pcts(map(l.get("ingest_to_searchable"))));
        row(md, "inferred adds processed per second (offline extraction)", levels,
                l -> String.format(Locale.ROOT, "%.1f", num(map(l.get("inferred")).get("processed_per_s")).doubleValue()));
        md.append('\n');

        md.append("| measure | value |\n|---|---:|\n");
        Map<String, Object> load = map(r.get("load"));
        md.append(String.format(Locale.ROOT, "| sustained verbatim ingest while loading (concurrency %s) | %.0f memories/s (%,.0f s) |%n",
                load.get("concurrency"), num(load.get("memories_per_s")).doubleValue(), num(load.get("seconds")).doubleValue()));
        Map<String, Object> dirs = map(r.get("data_dir"));
        Map<String, Object> loaded = map(dirs.get("after_load_running"));
        md.append(String.format(Locale.ROOT, "| data directory after the load (running) | %s, %,.0f B per memory, %,.0f B beyond text; %s |%n",
                bytes(loaded.get("total_bytes")), num(loaded.get("bytes_per_memory")).doubleValue(),
                num(loaded.get("bytes_per_memory_beyond_text")).doubleValue(), entries(map(loaded.get("by_entry")))));
        if (dirs.containsKey("after_run_stopped")) {
            Map<String, Object> stopped = map(dirs.get("after_run_stopped"));
            md.append(String.format(Locale.ROOT, "| data directory after the run (stopped, %,d memories) | %s, %,.0f B per memory; %s |%n",
                    num(stopped.get("memories")).longValue(), bytes(stopped.get("total_bytes")), num(stopped.get("bytes_per_memory")).doubleValue(),
                    entries(map(stopped.get("by_entry")))));
        }
        if (dirs.containsKey("after_run_running")) {
            Map<String, Object> after = map(dirs.get("after_run_running"));
            md.append(String.format(Locale.ROOT, "| data directories after the run (running, %,d memories) | %s, %,.0f B per memory; %s |%n",
                    num(after.get("memories")).longValue(), bytes(after.get("total_bytes")), num(after.get("bytes_per_memory")).doubleValue(),
                    entries(map(after.get("by_entry")))));
        }
        Map<String, Object> rss = map(r.get("rss_bytes"));
        md.append("| resident memory after the load (VmRSS) | ").append(rss(map(rss.get("after_load")))).append(" |\n");
        md.append("| resident memory after the measurements | ").append(rss(map(rss.get("after_measurement")))).append(" |\n");
        Map<String, Object> floor = map(r.get("floor"));
        md.append("| floor: query embedding alone (").append(floor.get("embedder")).append("): p50 / p95 / p99 ms | ")
                .append(pcts(map(floor.get("query_embedding")))).append(" |\n");
        md.append("| floor: index lookup alone (").append(floor.get("encoding")).append("): p50 / p95 / p99 ms | ")
                .append(pcts(map(floor.get("index_lookup")))).append(" |\n");
        double floorP95 = num(map(floor.get("query_embedding")).get("p95_ms")).doubleValue() + num(map(floor.get("index_lookup")).get("p95_ms")).doubleValue();
        for (Map<String, Object> l : levels) {
            double p95 = num(map(l.get("search")).get("p95_ms")).doubleValue();
            md.append(String.format(Locale.ROOT, "| search p95 at concurrency %s ÷ floor p95 (embedding + lookup, %.2f ms) | %.2f× |%n",
                    l.get("concurrency"), floorP95, p95 / floorP95));
        }
        boolean stack = "stack".equals(r.get("platform"));
        md.append(String.format(Locale.ROOT, "| %s | %.1f s |%n", stack
                        ? "first start of `./engram stack` (Kafka, PostgreSQL, the Qdrant emulator, the migration, gateway and workers ready)"
                        : "first start, empty data directory (both JVMs ready)",
                num(r.get("first_start_empty_seconds")).doubleValue()));
        if (r.containsKey("restart")) {
            Map<String, Object> restart = map(r.get("restart"));
            md.append(String.format(Locale.ROOT, "| start-up with the data present: gateway ready / first search answered / console ready | %.1f / %.1f / %.1f s |%n",
                    num(restart.get("gateway_ready_seconds")).doubleValue(), num(restart.get("first_search_answered_seconds")).doubleValue(),
                    num(restart.get("console_ready_seconds")).doubleValue()));
        }
        Map<String, Object> errors = map(r.get("errors"));
        md.append("| failed requests | ").append(errors.get("count")).append(" |\n");
        return md.toString();
    }

    private interface Cell {
        String of(Map<String, Object> level);
    }

    private static void row(StringBuilder md, String name, List<Map<String, Object>> levels, Cell cell) {
        md.append("| ").append(name).append(" |");
        levels.forEach(l -> md.append(' ').append(cell.of(l)).append(" |"));
        md.append('\n');
    }

    static String pcts(Map<String, Object> stats) {
        return ms(stats.get("p50_ms")) + " / " + ms(stats.get("p95_ms")) + " / " + ms(stats.get("p99_ms"));
    }

    static String ms(Object v) {
        double d = num(v).doubleValue();
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.2f", d);
    }

    static String bytes(Object v) {
        double b = num(v).doubleValue();
        if (b >= 1e9) return String.format(Locale.ROOT, "%.2f GB", b / 1e9);
        if (b >= 1e6) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
    }

    private static String entries(Map<String, Object> byEntry) {
        var sb = new StringBuilder();
        byEntry.forEach((k, v) -> {
            if (num(v).longValue() >= 100_000) sb.append(sb.isEmpty() ? "" : ", ").append('`').append(k).append("` ").append(bytes(v));
        });
        return sb.toString();
    }

    private static String rss(Map<String, Object> rss) {
        var sb = new StringBuilder();
        rss.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(bytes(v)));
        return sb.toString();
    }

    private static Number num(Object v) {
        return v instanceof Number n ? n : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object v) {
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
