package dev.engram.bench;

import dev.engram.bench.search.BenchEmbeddingModel;
import dev.engram.bench.search.SyntheticCorpus;
import dev.engram.bench.storage.NoIndex;
import dev.engram.core.Memory;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.engine.Embedder;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestJson;
import dev.engram.core.ingest.IngestOutcome;
import dev.engram.core.ingest.IngestProcessor;
import dev.engram.core.ingest.RetryPolicy;
import dev.engram.core.platform.EmbeddedDatabase;
import dev.engram.core.platform.PlatformStores;
import dev.engram.core.spi.VectorIndex;
import dev.engram.core.store.jdbc.SqlDialect;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded system of record's size per memory, per database. Writes N memories one add at a time as the standalone
 * platform does: the gateway records the ingest event (PENDING, with the request as payload), then the
 * {@link IngestProcessor} marks it RUNNING, adds the memory through the engine (verbatim, {@code infer=false}: one
 * memory and one ADD history entry) and records SUCCEEDED with the memory events. Vectors are deterministic random
 * ones; the index is not measured ({@code --index}). Then it prints the store directory's bytes per memory beyond the
 * memories' text, open (with the WAL) and after close, and the sequential add rate.
 *
 * <pre>
 *   --memories N        memories written (default 10000)
 *   --users U           users they are spread over (default N/100, at least 1)
 *   --databases LIST    comma-separated, of sqlite, h2 (default sqlite,h2)
 *   --index KIND        none (default: {@link NoIndex}, the store alone) or lucene (an in-memory Lucene index, whose
 *                       reader reopened per add then dominates the add rate)
 *   --dir PATH          work directory (default target/storage-bench); emptied first
 * </pre>
 */
public final class StorageBenchmark {

    private static final Set<String> OPTIONS = Set.of("memories", "users", "databases", "index", "dir");

    private StorageBenchmark() {
    }

    /** One database's figures. */
    private record Result(SqlDialect dialect, int memories, long textBytes, long openBytes, long closedBytes, double seconds) {

        double perMemoryBeyondText(long bytes) {
            return (double) (bytes - textBytes) / memories;
        }
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("storage-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int memories = cli.intValue("memories", 10_000);
        int users = cli.intValue("users", Math.max(1, memories / 100));
        Path dir = Path.of(cli.get("dir", "target/storage-bench"));
        boolean lucene = switch (cli.get("index", "none")) {
            case "none" -> false;
            case "lucene" -> true;
            default -> {
                System.err.println("storage-bench: --index must be none or lucene");
                System.exit(2);
                yield false;
            }
        };
        List<SqlDialect> dialects = Stream.of(cli.get("databases", "sqlite,h2").split(","))
                .map(s -> SqlDialect.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();

        var embeddings = new BenchEmbeddingModel(new BgeSmallZhV15QuantizedEmbeddingModel());
        embeddings.mode(BenchEmbeddingModel.Mode.RANDOM);
        Embedder embedder = new Embedder(embeddings, Embedder.DEFAULT_MODEL_NAME + "+bench");
        List<Result> results = new ArrayList<>();
        for (SqlDialect dialect : dialects) {
            Path data = dir.resolve(dialect.name().toLowerCase(Locale.ROOT));
            BenchFiles.deleteRecursively(data);
            VectorIndex index = lucene ? LuceneVectorIndex.inMemory(embedder.dimension()) : new NoIndex(embedder.dimension());
            results.add(run(dialect, data.resolve("store"), embedder, index, new SyntheticCorpus(42, users), memories));
        }
        System.out.println(report(results, users));
    }

    private static Result run(SqlDialect dialect, Path store, Embedder embedder, VectorIndex index, SyntheticCorpus corpus, int memories) {
        long textBytes = 0;
        long start = System.nanoTime();
        long openBytes;
        try (PlatformStores stores = PlatformStores.embedded(EmbeddedDatabase.open(store, dialect, 8));
             Memory memory = Memory.builder().store(stores.memories()).vectorIndex(index)
                     .embedder(embedder).build()) {
            var processor = new IngestProcessor(memory.engine(), stores.events(), Clock.systemUTC(), RetryPolicy.none(), new SimpleMeterRegistry());
            long reportEvery = Math.max(1, memories / 10);
            for (int i = 0; i < memories; i++) {
                SyntheticCorpus.Item item = corpus.item(i);
                textBytes += item.text().getBytes(StandardCharsets.UTF_8).length;
                AddRequest request = AddRequest.of(Scope.user(item.userId()), List.of(Message.user(item.text())))
                        .withInfer(false).withEventId(UUID.randomUUID().toString());
                IngestEvent event = new IngestEvent(request, Clock.systemUTC().instant());
                stores.events().created(event.tenant(), event.eventId(), IngestProcessor.ADD_EVENT, IngestJson.toJson(event), event.receivedAt());
                IngestOutcome outcome = processor.process(event);
                if (outcome != IngestOutcome.SUCCEEDED) throw new IllegalStateException("add " + i + " ended " + outcome);
                if ((i + 1) % reportEvery == 0) System.err.printf(Locale.ROOT, "storage-bench: %s %d / %d%n", dialect, i + 1, memories);
            }
            openBytes = size(store);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(dialect, memories, textBytes, openBytes, size(store), seconds);
    }

    private static String report(List<Result> results, int users) {
        StringBuilder out = new StringBuilder();
        out.append("| database | memories | users | text bytes | store open (with WAL) | store closed | beyond text per memory, open | beyond text per memory, closed | adds/s |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.0f B | %.0f B | %.0f |%n", r.dialect(), r.memories(), users,
                    r.textBytes(), r.openBytes(), r.closedBytes(), r.perMemoryBeyondText(r.openBytes()),
                    r.perMemoryBeyondText(r.closedBytes()), r.memories() / r.seconds()));
        }
        return out.toString();
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file removed while walking (an H2 temporary file)
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
