package dev.engram.testing.qdrant;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.Points.PointStruct;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;
import static org.assertj.core.api.Assertions.assertThat;

/** The emulator over TCP: several clients writing at once, and the emulator as its own process. */
class QdrantEmulatorTcpTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void servesConcurrentClientsOverTcp() throws Exception {
        int clients = 4;
        int pointsPerClient = 50;
        try (QdrantEmulator emulator = QdrantEmulator.listen(0)) {
            assertThat(emulator.port()).isPositive();
            QdrantClient admin = emulator.newClient();
            admin.createCollectionAsync("c", VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine).build()).get();

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int writer = c;
                    QdrantClient client = emulator.newClient();
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < pointsPerClient; i++) {
                            long pointId = writer * 1_000L + i;
                            client.upsertAsync("c", List.of(PointStruct.newBuilder().setId(id(pointId))
                                    .setVectors(vectors(1f, (float) i)).putAllPayload(Map.of("writer", value("w" + writer)))
                                    .build())).get(10, TimeUnit.SECONDS);
                        }
                        return null;
                    }));
                }
                for (Future<?> w : writers) w.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            assertThat(admin.countAsync("c").get()).isEqualTo((long) clients * pointsPerClient);
            assertThat(admin.countAsync("c", io.qdrant.client.grpc.Common.Filter.newBuilder()
                    .addMust(matchKeyword("writer", "w2")).build(), true).get()).isEqualTo(pointsPerClient);
            assertThat(emulator.requests()).as("a TCP emulator records nothing: it may run for hours").isEmpty();
        }
    }

    @Test
    void anEmulatorWithADataDirectoryKeepsItsCollectionsWhenStartedAgain(@TempDir Path data) throws Exception {
        try (QdrantEmulator first = QdrantEmulator.listen(0, data)) {
            QdrantClient client = first.newClient();
            client.createCollectionAsync("c", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build()).get();
            client.createPayloadIndexAsync("c", "writer", io.qdrant.client.grpc.Collections.PayloadSchemaType.Keyword, null,
                    true, null, null).get();
            client.upsertAsync("c", List.of(
                    PointStruct.newBuilder().setId(id(1)).setVectors(vectors(1f, 0f)).putAllPayload(Map.of("writer", value("a"))).build(),
                    PointStruct.newBuilder().setId(id(2)).setVectors(vectors(0f, 1f)).putAllPayload(Map.of("writer", value("b"))).build(),
                    PointStruct.newBuilder().setId(id(3)).setVectors(vectors(1f, 1f)).putAllPayload(Map.of("writer", value("b"))).build()))
                    .get();
            client.deleteAsync("c", List.of(id(3))).get();
        }
        // a record torn by a kill in the middle of a write is cut off, not fatal
        Files.write(data.resolve("journal.bin"), new byte[] {4, 120, 1}, StandardOpenOption.APPEND);

        try (QdrantEmulator second = QdrantEmulator.listen(0, data)) {
            QdrantClient client = second.newClient();
            assertThat(client.countAsync("c").get()).isEqualTo(2L);
            assertThat(client.getCollectionInfoAsync("c").get().getPayloadSchemaMap()).containsKey("writer");
            assertThat(client.countAsync("c", io.qdrant.client.grpc.Common.Filter.newBuilder()
                    .addMust(matchKeyword("writer", "b")).build(), true).get()).isEqualTo(1L);
            client.upsertAsync("c", List.of(PointStruct.newBuilder().setId(id(4)).setVectors(vectors(1f, 1f)).build())).get();
        }
        try (QdrantEmulator third = QdrantEmulator.listen(0, data)) {
            assertThat(third.newClient().countAsync("c").get()).as("writes after the cut are kept too").isEqualTo(3L);
        }
    }

    @Test
    void runsAsItsOwnProcessAndStopsWhenItsParentGoesAway() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                QdrantEmulator.class.getName(), "--port", "0", "--exit-when-stdin-closes")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            StringBuilder printed = new StringBuilder();
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                printed.append(line).append(System.lineSeparator());
                Matcher m = LISTENING.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            assertThat(port).as("the emulator prints its port; it printed:%n%s", printed).isPositive();

            try (QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", port, false).build())) {
                assertThat(client.healthCheckAsync().get().getVersion()).isEqualTo(QdrantEmulator.VERSION);
                client.createCollectionAsync("c", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build()).get();
                client.upsertAsync("c", List.of(
                        PointStruct.newBuilder().setId(id(1)).setVectors(vectors(1f, 0f)).build(),
                        PointStruct.newBuilder().setId(id(2)).setVectors(vectors(0f, 1f)).build())).get();
                List<Points.ScoredPoint> hits = client.queryAsync(Points.QueryPoints.newBuilder().setCollectionName("c")
                        .setQuery(nearest(0.1f, 0.9f)).setWithPayload(enable(true)).setLimit(1).build()).get();
                assertThat(hits).extracting(p -> p.getId().getNum()).containsExactly(2L);
            }

            process.getOutputStream().close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exits once its stdin closes").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
