package dev.engram.testing.qdrant;

import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * <b>A Qdrant emulator for tests and local stacks, not a production index.</b> It implements the Qdrant client jar's gRPC
 * services ({@code Qdrant}, {@code Collections}, {@code Points}) over in-memory collections, so a real {@link QdrantClient}
 * talks to it over the real wire protocol. By default nothing is persisted: stopping it loses every point; with a data
 * directory ({@link #listen(int, Path)}, {@code --data-dir}) it journals every write and replays the journal when started
 * again, so a restarted emulator keeps its points (see {@link QdrantJournal}). It scans every point on
 * every query (no HNSW), and it has no authentication, TLS, replication or snapshots. Use a real Qdrant in production.
 *
 * <p>Two transports:
 * <ul>
 *   <li>{@link #start()}: gRPC's in-process transport inside the calling JVM, for the adapter's wire-level tests; every
 *       request is recorded, so tests can assert on what went over the wire ({@link #requests()}).</li>
 *   <li>{@link #listen(int)}: a Netty gRPC server on 127.0.0.1, for other processes (a local distributed stack); requests
 *       are not recorded, so a long-running emulator does not accumulate them. {@link #main(String[])} runs one as its own
 *       process: {@code java -cp ... dev.engram.testing.qdrant.QdrantEmulator --port 6334}.</li>
 * </ul>
 *
 * <p>It implements what the Engram adapter uses, with Qdrant's semantics: collections with named dense vectors
 * (cosine or dot; cosine vectors are normalised on write as Qdrant does) and named sparse vectors (dot product,
 * optionally weighted by Qdrant's IDF {@code ln(1 + (N - n + 0.5) / (n + 0.5))} over the points holding that vector),
 * collection info, payload index creation, upsert, delete by ids or filter, retrieve, query (nearest), scroll (with
 * filter, id offset, or {@code order_by} on a range-indexed key), exact count, and the filters of
 * {@link QdrantFilterMatcher}. Anything else answers {@code UNIMPLEMENTED} rather than pretending.
 *
 * <p>Thread-safe: any number of clients (threads, processes) may call it concurrently. Each request runs alone, under the
 * emulator's lock, so every operation is atomic and sees the writes of the requests answered before it, as a single-node
 * Qdrant does with {@code wait=true}.
 */
public final class QdrantEmulator implements AutoCloseable {

    /** The version this emulator reports; the client checks it is compatible with its own. */
    public static final String VERSION = "1.18.3";
    /** Qdrant's default gRPC port. */
    public static final int DEFAULT_PORT = 6334;
    /** Qdrant accepts large batches; gRPC's 4 MiB default would reject a batch upsert of a few thousand points. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    /** The in-process server's name, or null when listening on TCP. */
    private final String inProcessName;
    private final Server server;
    private final boolean recordRequests;
    private final Map<String, StoredCollection> collections = new HashMap<>();
    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final List<QdrantClient> clients = new CopyOnWriteArrayList<>();
    private final List<Message> requestsWithoutDeadline = new CopyOnWriteArrayList<>();
    /** The write journal of a persistent emulator ({@link #listen(int, Path)}), else null. */
    private final QdrantJournal journal;

    private QdrantEmulator(String inProcessName, Path dataDirectory, Function<QdrantEmulator, Server> serverFactory) {
        this.inProcessName = inProcessName;
        this.recordRequests = inProcessName != null;
        this.journal = dataDirectory == null ? null : QdrantJournal.open(dataDirectory, this::replay);
        try {
            this.server = serverFactory.apply(this).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Qdrant emulator", e);
        }
    }

    /** An emulator on gRPC's in-process transport, reachable only from this JVM through {@link #newClient()}. */
    public static QdrantEmulator start() {
        return new QdrantEmulator("qdrant-" + UUID.randomUUID(), null, emulator -> emulator.withServices(
                InProcessServerBuilder.forName(emulator.inProcessName).directExecutor()).build());
    }

    /**
     * An emulator serving gRPC on {@code 127.0.0.1:port} (plain text). Port 0 picks a free port: see {@link #port()}.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static QdrantEmulator listen(int port) {
        return listen(port, null);
    }

    /**
     * An emulator serving gRPC on {@code 127.0.0.1:port} that keeps its collections in {@code dataDirectory} (a journal of
     * the write requests, see {@link QdrantJournal}): started again on the same directory, it has every point it
     * acknowledged before it stopped, even if it was killed. A null directory keeps everything in memory only.
     */
    public static QdrantEmulator listen(int port, Path dataDirectory) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return new QdrantEmulator(null, dataDirectory, emulator -> emulator.withServices(
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)).build());
    }

    private ServerBuilder<?> withServices(ServerBuilder<?> builder) {
        return builder.addService(new Health()).addService(new CollectionsService()).addService(new PointsService());
    }

    /** The TCP port it listens on; -1 for an in-process emulator. */
    public int port() {
        return inProcessName == null ? server.getPort() : -1;
    }

    /** A new real client connected to this emulator (closed with the emulator). */
    public QdrantClient newClient() {
        QdrantGrpcClient grpc = inProcessName != null
                ? QdrantGrpcClient.newBuilder(InProcessChannelBuilder.forName(inProcessName).directExecutor().build(), true, true).build()
                : QdrantGrpcClient.newBuilder(InetAddress.getLoopbackAddress().getHostAddress(), port(), false).build();
        QdrantClient client = new QdrantClient(grpc);
        clients.add(client);
        return client;
    }

    /** Every request received, in order (in-process emulators only; a TCP emulator records none). */
    public List<Message> requests() {
        return List.copyOf(requests);
    }

    public <T extends Message> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Requests that arrived without a gRPC deadline (in-process emulators only). */
    public List<Message> requestsWithoutDeadline() {
        return List.copyOf(requestsWithoutDeadline);
    }

    public void clearRequests() {
        requests.clear();
        requestsWithoutDeadline.clear();
    }

    /** The stored payload of a point, or null. */
    public synchronized Map<String, Value> payload(String collection, UUID pointId) {
        StoredCollection c = collections.get(collection);
        StoredPoint p = c == null ? null : c.points.get(key(Common.PointId.newBuilder().setUuid(pointId.toString()).build()));
        return p == null ? null : p.payload;
    }

    public synchronized List<String> pointIds(String collection) {
        return collections.get(collection).points.values().stream().map(p -> p.id.getUuid()).toList();
    }

    /** Closes the clients it handed out and stops serving, dropping calls in flight. */
    @Override
    public void close() {
        clients.forEach(QdrantClient::close);
        server.shutdownNow();
        if (journal != null) {
            synchronized (this) {
                journal.close();
            }
        }
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Runs a TCP emulator as its own process until it is killed (or, with {@code --exit-when-stdin-closes}, until its
     * standard input reaches end of stream: the parent that started it is gone).
     *
     * <p>Arguments: {@code [--port N]} (default {@value #DEFAULT_PORT}; 0 picks a free port)
     * {@code [--data-dir DIR]} (keep the collections there across restarts; default: in memory only)
     * {@code [--exit-when-stdin-closes]}. Once serving, it prints {@code Qdrant emulator listening on 127.0.0.1:<port>}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        boolean watchStdin = false;
        Path dataDirectory = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> {
                    if (i + 1 >= args.length) usage("--port needs a value");
                    port = parsePort(args[++i]);
                }
                case "--data-dir" -> {
                    if (i + 1 >= args.length) usage("--data-dir needs a value");
                    dataDirectory = Path.of(args[++i]);
                }
                case "--exit-when-stdin-closes" -> watchStdin = true;
                case "-h", "--help" -> usage(null);
                default -> {
                    if (args[i].startsWith("--port=")) port = parsePort(args[i].substring("--port=".length()));
                    else usage("unknown argument: " + args[i]);
                }
            }
        }
        QdrantEmulator emulator = listen(port, dataDirectory);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "qdrant-emulator-shutdown"));
        if (watchStdin) {
            Thread watchdog = new Thread(() -> {
                try {
                    while (System.in.read() != -1) {
                        // nobody writes; the end of stream is the signal
                    }
                } catch (IOException e) {
                    // a broken pipe means the same as end of stream
                }
                System.exit(0);
            }, "parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        System.out.println("Qdrant emulator " + VERSION + " (for tests and local stacks, not for production) listening on "
                + InetAddress.getLoopbackAddress().getHostAddress() + ":" + emulator.port());
        System.out.flush();
        emulator.awaitTermination();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("not a TCP port: " + value);
        return -1;
    }

    private static void usage(String error) {
        if (error != null) System.err.println("qdrant-emulator: " + error);
        (error == null ? System.out : System.err).println(
                "usage: java -cp ... " + QdrantEmulator.class.getName() + " [--port N (default " + DEFAULT_PORT + ")] [--data-dir DIR] [--exit-when-stdin-closes]");
        System.exit(error == null ? 0 : 2);
    }

    // ---------------------------------------------------------------- services

    private final class Health extends QdrantGrpc.QdrantImplBase {
        @Override
        public void healthCheck(QdrantOuterClass.HealthCheckRequest request, StreamObserver<QdrantOuterClass.HealthCheckReply> out) {
            answer(request, out, () -> QdrantOuterClass.HealthCheckReply.newBuilder().setTitle("qdrant (Engram emulator, not for production)")
                    .setVersion(VERSION).build());
        }
    }

    private final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {
        @Override
        public void create(Collections.CreateCollection request, StreamObserver<CollectionOperationResponse> out) {
            answer(request, out, () -> createCollection(request));
        }

        @Override
        public void get(Collections.GetCollectionInfoRequest request, StreamObserver<Collections.GetCollectionInfoResponse> out) {
            answer(request, out, () -> {
                StoredCollection c = collection(request.getCollectionName());
                CollectionInfo info = CollectionInfo.newBuilder()
                        .setStatus(Collections.CollectionStatus.Green)
                        .setConfig(Collections.CollectionConfig.newBuilder().setParams(Collections.CollectionParams.newBuilder()
                                .setShardNumber(1)
                                .setVectorsConfig(c.definition.getVectorsConfig())
                                .setSparseVectorsConfig(c.definition.getSparseVectorsConfig())))
                        .putAllPayloadSchema(c.payloadSchema)
                        .setPointsCount(c.points.size())
                        .build();
                return Collections.GetCollectionInfoResponse.newBuilder().setResult(info).build();
            });
        }

        @Override
        public void list(Collections.ListCollectionsRequest request, StreamObserver<Collections.ListCollectionsResponse> out) {
            answer(request, out, () -> {
                Collections.ListCollectionsResponse.Builder b = Collections.ListCollectionsResponse.newBuilder();
                collections.keySet().forEach(n -> b.addCollections(Collections.CollectionDescription.newBuilder().setName(n)));
                return b.build();
            });
        }

        @Override
        public void delete(Collections.DeleteCollection request, StreamObserver<CollectionOperationResponse> out) {
            answer(request, out, () -> deleteCollection(request));
        }

        @Override
        public void collectionExists(Collections.CollectionExistsRequest request, StreamObserver<Collections.CollectionExistsResponse> out) {
            answer(request, out, () -> Collections.CollectionExistsResponse.newBuilder().setResult(Collections.CollectionExists.newBuilder()
                    .setExists(collections.containsKey(request.getCollectionName()))).build());
        }
    }

    private final class PointsService extends PointsGrpc.PointsImplBase {
        @Override
        public void createFieldIndex(Points.CreateFieldIndexCollection request, StreamObserver<Points.PointsOperationResponse> out) {
            answer(request, out, () -> createPayloadIndex(request));
        }

        @Override
        public void upsert(Points.UpsertPoints request, StreamObserver<Points.PointsOperationResponse> out) {
            answer(request, out, () -> upsertPoints(request));
        }

        @Override
        public void delete(Points.DeletePoints request, StreamObserver<Points.PointsOperationResponse> out) {
            answer(request, out, () -> deletePoints(request));
        }

        @Override
        public void get(Points.GetPoints request, StreamObserver<Points.GetResponse> out) {
            answer(request, out, () -> {
                StoredCollection c = collection(request.getCollectionName());
                Points.GetResponse.Builder b = Points.GetResponse.newBuilder();
                for (Common.PointId id : request.getIdsList()) {
                    StoredPoint p = c.points.get(key(id));
                    if (p != null) b.addResult(retrieved(p, request.getWithPayload(), request.getWithVectors()));
                }
                return b.build();
            });
        }

        @Override
        public void count(Points.CountPoints request, StreamObserver<Points.CountResponse> out) {
            answer(request, out, () -> {
                StoredCollection c = collection(request.getCollectionName());
                long n = c.points.values().stream().filter(p -> c.matches(request.getFilter(), p)).count();
                return Points.CountResponse.newBuilder().setResult(Points.CountResult.newBuilder().setCount(n)).build();
            });
        }

        @Override
        public void scroll(Points.ScrollPoints request, StreamObserver<Points.ScrollResponse> out) {
            answer(request, out, () -> scrollPoints(collection(request.getCollectionName()), request));
        }

        @Override
        public void query(Points.QueryPoints request, StreamObserver<Points.QueryResponse> out) {
            answer(request, out, () -> Points.QueryResponse.newBuilder()
                    .addAllResult(queryPoints(collection(request.getCollectionName()), request)).build());
        }
    }

    // ---------------------------------------------------------------- operations

    // The write operations: each is journaled once applied (see answer) and replayed from the journal at start.

    private CollectionOperationResponse createCollection(Collections.CreateCollection request) {
        if (collections.containsKey(request.getCollectionName())) {
            throw Status.ALREADY_EXISTS.withDescription("Wrong input: Collection `" + request.getCollectionName()
                    + "` already exists!").asRuntimeException();
        }
        for (VectorParams p : denseParams(request.getVectorsConfig()).values()) {
            if (p.getSize() == 0) throw invalid("vector size must be positive");
        }
        collections.put(request.getCollectionName(), new StoredCollection(request));
        return CollectionOperationResponse.newBuilder().setResult(true).build();
    }

    private CollectionOperationResponse deleteCollection(Collections.DeleteCollection request) {
        return CollectionOperationResponse.newBuilder().setResult(collections.remove(request.getCollectionName()) != null).build();
    }

    private Points.PointsOperationResponse createPayloadIndex(Points.CreateFieldIndexCollection request) {
        StoredCollection c = collection(request.getCollectionName());
        PayloadSchemaInfo.Builder info = PayloadSchemaInfo.newBuilder()
                .setDataType(PayloadSchemaType.forNumber(request.getFieldType().getNumber() + 1));
        if (request.hasFieldIndexParams()) info.setParams(request.getFieldIndexParams());
        c.payloadSchema.put(request.getFieldName(), info.build());
        return completed();
    }

    private Points.PointsOperationResponse upsertPoints(Points.UpsertPoints request) {
        StoredCollection c = collection(request.getCollectionName());
        List<StoredPoint> parsed = new ArrayList<>();
        for (PointStruct p : request.getPointsList()) parsed.add(c.parse(p)); // validate all before writing any
        for (StoredPoint p : parsed) c.points.put(p.key(), p);
        return completed();
    }

    private Points.PointsOperationResponse deletePoints(Points.DeletePoints request) {
        StoredCollection c = collection(request.getCollectionName());
        switch (request.getPoints().getPointsSelectorOneOfCase()) {
            case POINTS -> request.getPoints().getPoints().getIdsList().forEach(id -> c.points.remove(key(id)));
            case FILTER -> c.points.values().removeIf(p -> c.matches(request.getPoints().getFilter(), p));
            default -> throw invalid("delete needs ids or a filter");
        }
        return completed();
    }

    /** Applies one journaled write again, at start (before the server serves anything). */
    private void replay(Message request) {
        switch (request) {
            case Collections.CreateCollection r -> createCollection(r);
            case Collections.DeleteCollection r -> deleteCollection(r);
            case Points.CreateFieldIndexCollection r -> createPayloadIndex(r);
            case Points.UpsertPoints r -> upsertPoints(r);
            case Points.DeletePoints r -> deletePoints(r);
            default -> throw new IllegalStateException("not a write request: " + request.getClass().getSimpleName());
        }
    }

    private Points.ScrollResponse scrollPoints(StoredCollection c, Points.ScrollPoints request) {
        int limit = request.hasLimit() ? request.getLimit() : 10;
        List<StoredPoint> matching = c.points.values().stream().filter(p -> c.matches(request.getFilter(), p)).toList();
        Points.ScrollResponse.Builder b = Points.ScrollResponse.newBuilder();
        if (request.hasOrderBy()) {
            Points.OrderBy orderBy = request.getOrderBy();
            if (request.hasOffset()) throw invalid("offset is not supported together with order_by, use start_from");
            PayloadSchemaInfo index = c.payloadSchema.get(orderBy.getKey());
            boolean rangeIndex = index != null && switch (index.getDataType()) {
                case Integer -> !index.getParams().getIntegerIndexParams().hasRange() || index.getParams().getIntegerIndexParams().getRange();
                case Float, Datetime -> true;
                default -> false;
            };
            if (!rangeIndex) throw invalid("No range index for `order_by` key: `" + orderBy.getKey() + "`. Please create one to use `order_by`.");
            boolean desc = orderBy.getDirection() == Points.Direction.Desc;
            record Ordered(StoredPoint point, double value, Value raw) {
            }
            List<Ordered> ordered = new ArrayList<>();
            for (StoredPoint p : matching) {
                for (Value v : QdrantFilterMatcher.values(p.payload, orderBy.getKey())) {
                    if (v.hasIntegerValue()) ordered.add(new Ordered(p, v.getIntegerValue(), v));
                    else if (v.hasDoubleValue()) ordered.add(new Ordered(p, v.getDoubleValue(), v));
                }
            }
            if (orderBy.hasStartFrom()) {
                double from = switch (orderBy.getStartFrom().getValueCase()) {
                    case INTEGER -> orderBy.getStartFrom().getInteger();
                    case FLOAT -> orderBy.getStartFrom().getFloat();
                    default -> throw Status.UNIMPLEMENTED.withDescription("start_from by time").asRuntimeException();
                };
                ordered.removeIf(o -> desc ? o.value() > from : o.value() < from);
            }
            Comparator<Ordered> byValue = Comparator.comparingDouble(Ordered::value);
            ordered.sort((desc ? byValue.reversed() : byValue).thenComparing(o -> o.point().key()));
            for (Ordered o : ordered.subList(0, Math.min(limit, ordered.size()))) {
                Points.OrderValue value = o.raw().hasIntegerValue() ? Points.OrderValue.newBuilder().setInt(o.raw().getIntegerValue()).build()
                        : Points.OrderValue.newBuilder().setFloat(o.raw().getDoubleValue()).build();
                b.addResult(retrieved(o.point(), request.getWithPayload(), request.getWithVectors()).toBuilder().setOrderValue(value));
            }
            return b.build();
        }
        String from = request.hasOffset() ? key(request.getOffset()) : null;
        List<StoredPoint> page = matching.stream().filter(p -> from == null || p.key().compareTo(from) >= 0).toList();
        for (StoredPoint p : page.subList(0, Math.min(limit, page.size()))) {
            b.addResult(retrieved(p, request.getWithPayload(), request.getWithVectors()));
        }
        if (page.size() > limit) b.setNextPageOffset(page.get(limit).id);
        return b.build();
    }

    private List<ScoredPoint> queryPoints(StoredCollection c, Points.QueryPoints request) {
        if (request.getPrefetchCount() > 0) {
            throw Status.UNIMPLEMENTED.withDescription("prefetch is not supported by the Qdrant emulator").asRuntimeException();
        }
        if (request.getQuery().getVariantCase() != Points.Query.VariantCase.NEAREST) {
            throw Status.UNIMPLEMENTED.withDescription("only nearest queries are supported by the Qdrant emulator").asRuntimeException();
        }
        Points.VectorInput input = request.getQuery().getNearest();
        String using = request.getUsing();
        record Scored(StoredPoint point, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        switch (input.getVariantCase()) {
            case DENSE -> {
                VectorParams params = c.dense.get(using);
                if (params == null) throw invalid("Not existing vector name error: " + using);
                float[] q = toArray(input.getDense().getDataList());
                if (q.length != params.getSize()) {
                    throw invalid("Vector dimension error: expected dim: " + params.getSize() + ", got " + q.length);
                }
                if (params.getDistance() == Distance.Cosine) q = normalized(q);
                for (StoredPoint p : c.points.values()) {
                    float[] v = p.dense.get(using);
                    if (v != null && c.matches(request.getFilter(), p)) scored.add(new Scored(p, dot(q, v)));
                }
            }
            case SPARSE -> {
                SparseVectorParams params = c.sparse.get(using);
                if (params == null) throw invalid("Not existing vector name error: " + using);
                Map<Integer, Float> q = sparseMap(input.getSparse().getIndicesList(), input.getSparse().getValuesList());
                Map<Integer, Double> idf = params.getModifier() == Modifier.Idf ? c.idf(using, q.keySet()) : null;
                for (StoredPoint p : c.points.values()) {
                    Map<Integer, Float> d = p.sparse.get(using);
                    if (d == null || !c.matches(request.getFilter(), p)) continue;
                    double score = 0;
                    boolean overlap = false;
                    for (Map.Entry<Integer, Float> e : q.entrySet()) {
                        Float w = d.get(e.getKey());
                        if (w == null) continue;
                        overlap = true;
                        score += e.getValue() * w * (idf == null ? 1.0 : idf.get(e.getKey()));
                    }
                    if (overlap) scored.add(new Scored(p, score));
                }
            }
            default -> throw Status.UNIMPLEMENTED.withDescription("query input " + input.getVariantCase()).asRuntimeException();
        }
        // equal scores: in write order, like a single Qdrant segment scanning its points by internal offset
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(s -> s.point().sequence()));
        int offset = (int) request.getOffset();
        int limit = request.hasLimit() ? (int) request.getLimit() : 10;
        List<ScoredPoint> result = new ArrayList<>();
        for (Scored s : scored.subList(Math.min(offset, scored.size()), Math.min(offset + limit, scored.size()))) {
            if (request.hasScoreThreshold() && s.score() < request.getScoreThreshold()) continue;
            RetrievedPoint r = retrieved(s.point(), request.getWithPayload(), request.getWithVectors());
            ScoredPoint.Builder b = ScoredPoint.newBuilder().setId(r.getId()).putAllPayload(r.getPayloadMap()).setScore((float) s.score());
            if (r.hasVectors()) b.setVectors(r.getVectors());
            result.add(b.build());
        }
        return result;
    }

    private static RetrievedPoint retrieved(StoredPoint p, Points.WithPayloadSelector withPayload, Points.WithVectorsSelector withVectors) {
        RetrievedPoint.Builder b = RetrievedPoint.newBuilder().setId(p.id);
        switch (withPayload.getSelectorOptionsCase()) {
            case ENABLE -> {
                if (withPayload.getEnable()) b.putAllPayload(p.payload);
            }
            case INCLUDE -> withPayload.getInclude().getFieldsList().forEach(f -> {
                if (p.payload.containsKey(f)) b.putPayload(f, p.payload.get(f));
            });
            case EXCLUDE -> p.payload.forEach((k, v) -> {
                if (!withPayload.getExclude().getFieldsList().contains(k)) b.putPayload(k, v);
            });
            case SELECTOROPTIONS_NOT_SET -> { }
        }
        List<String> names = switch (withVectors.getSelectorOptionsCase()) {
            case ENABLE -> withVectors.getEnable() ? p.vectorNames() : List.of();
            case INCLUDE -> withVectors.getInclude().getNamesList();
            case SELECTOROPTIONS_NOT_SET -> List.of();
        };
        if (!names.isEmpty()) {
            Points.NamedVectorsOutput.Builder named = Points.NamedVectorsOutput.newBuilder();
            for (String n : names) {
                if (p.dense.containsKey(n)) {
                    Points.DenseVector.Builder d = Points.DenseVector.newBuilder();
                    for (float f : p.dense.get(n)) d.addData(f);
                    named.putVectors(n, VectorOutput.newBuilder().setDense(d).build());
                } else if (p.sparse.containsKey(n)) {
                    Points.SparseVector.Builder s = Points.SparseVector.newBuilder();
                    p.sparse.get(n).forEach((i, w) -> s.addIndices(i).addValues(w));
                    named.putVectors(n, VectorOutput.newBuilder().setSparse(s).build());
                }
            }
            b.setVectors(Points.VectorsOutput.newBuilder().setVectors(named));
        }
        return b.build();
    }

    // ---------------------------------------------------------------- storage

    private final class StoredCollection {
        final Collections.CreateCollection definition;
        final Map<String, VectorParams> dense;
        final Map<String, SparseVectorParams> sparse;
        final Map<String, PayloadSchemaInfo> payloadSchema = new LinkedHashMap<>();
        /** By point id in Qdrant's order (numeric ids before UUIDs). */
        final TreeMap<String, StoredPoint> points = new TreeMap<>();
        final QdrantFilterMatcher matcher = new QdrantFilterMatcher(payloadSchema);
        /** Write counter: the internal order of points. */
        long writes;

        StoredCollection(Collections.CreateCollection definition) {
            this.definition = definition;
            this.dense = denseParams(definition.getVectorsConfig());
            this.sparse = definition.getSparseVectorsConfig().getMapMap();
        }

        boolean matches(Common.Filter filter, StoredPoint p) {
            return matcher.matches(filter, p);
        }

        StoredPoint parse(PointStruct p) {
            if (!p.hasId()) throw invalid("point without id");
            Map<String, Points.Vector> vectors = switch (p.getVectors().getVectorsOptionsCase()) {
                case VECTOR -> Map.of("", p.getVectors().getVector());
                case VECTORS -> p.getVectors().getVectors().getVectorsMap();
                case VECTORSOPTIONS_NOT_SET -> Map.of();
            };
            Map<String, float[]> denseVectors = new HashMap<>();
            Map<String, Map<Integer, Float>> sparseVectors = new HashMap<>();
            vectors.forEach((vectorName, v) -> {
                boolean isSparse = v.hasSparse() || v.hasIndices();
                if (isSparse) {
                    if (!sparse.containsKey(vectorName)) throw invalid("Not existing vector name error: " + vectorName);
                    List<Integer> indices = v.hasSparse() ? v.getSparse().getIndicesList() : v.getIndices().getDataList();
                    List<Float> values = v.hasSparse() ? v.getSparse().getValuesList() : v.getDataList();
                    if (indices.size() != values.size()) throw invalid("Sparse vector indices and values must have the same length");
                    Map<Integer, Float> map = sparseMap(indices, values);
                    if (map.size() != indices.size()) throw invalid("Sparse vector indices must be unique");
                    sparseVectors.put(vectorName, map);
                } else {
                    VectorParams params = dense.get(vectorName);
                    if (params == null) throw invalid("Not existing vector name error: " + vectorName);
                    float[] data = toArray(v.hasDense() ? v.getDense().getDataList() : v.getDataList());
                    if (data.length != params.getSize()) {
                        throw invalid("Vector dimension error: expected dim: " + params.getSize() + ", got " + data.length);
                    }
                    denseVectors.put(vectorName, params.getDistance() == Distance.Cosine ? normalized(data) : data);
                }
            });
            for (String required : dense.keySet()) {
                if (!denseVectors.containsKey(required)) throw invalid("Missing dense vector '" + required + "'");
            }
            return new StoredPoint(p.getId(), key(p.getId()), ++writes, Map.copyOf(p.getPayloadMap()), denseVectors, sparseVectors);
        }

        /** Qdrant's IDF over the points holding the named sparse vector. */
        Map<Integer, Double> idf(String vectorName, Iterable<Integer> dims) {
            long n = points.values().stream().filter(p -> p.sparse.containsKey(vectorName)).count();
            Map<Integer, Double> idf = new HashMap<>();
            for (int dim : dims) {
                long df = points.values().stream().filter(p -> {
                    Map<Integer, Float> v = p.sparse.get(vectorName);
                    return v != null && v.containsKey(dim);
                }).count();
                idf.put(dim, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
            }
            return idf;
        }
    }

    private record StoredPoint(Common.PointId id, String key, long sequence, Map<String, Value> payload, Map<String, float[]> dense,
                               Map<String, Map<Integer, Float>> sparse) implements QdrantFilterMatcher.PointView {
        @Override
        public boolean hasId(Common.PointId other) {
            return key.equals(QdrantEmulator.key(other));
        }

        @Override
        public boolean hasVector(String name) {
            return dense.containsKey(name) || sparse.containsKey(name);
        }

        List<String> vectorNames() {
            List<String> names = new ArrayList<>(dense.keySet());
            names.addAll(sparse.keySet());
            return names;
        }
    }

    // ---------------------------------------------------------------- helpers

    private <T> void answer(Message request, StreamObserver<T> out, Supplier<T> handler) {
        if (recordRequests) {
            requests.add(request);
            if (Context.current().getDeadline() == null) requestsWithoutDeadline.add(request);
        }
        T response;
        try {
            synchronized (this) {
                response = handler.get();
                if (journal != null && QdrantJournal.isWrite(request)) journal.append(request);
            }
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            out.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    private StoredCollection collection(String name) {
        StoredCollection c = collections.get(name);
        if (c == null) throw Status.NOT_FOUND.withDescription("Not found: Collection `" + name + "` doesn't exist!").asRuntimeException();
        return c;
    }

    private static Points.PointsOperationResponse completed() {
        return Points.PointsOperationResponse.newBuilder().setResult(Points.UpdateResult.newBuilder()
                .setStatus(Points.UpdateStatus.Completed)).build();
    }

    private static Map<String, VectorParams> denseParams(Collections.VectorsConfig config) {
        return switch (config.getConfigCase()) {
            case PARAMS -> Map.of("", config.getParams());
            case PARAMS_MAP -> config.getParamsMap().getMapMap();
            case CONFIG_NOT_SET -> Map.of();
        };
    }

    /** Numeric ids sort before UUIDs, as in Qdrant. */
    private static String key(Common.PointId id) {
        return switch (id.getPointIdOptionsCase()) {
            case NUM -> String.format("0:%020d", id.getNum());
            case UUID -> "1:" + UUID.fromString(id.getUuid());
            case POINTIDOPTIONS_NOT_SET -> throw invalid("empty point id");
        };
    }

    private static Map<Integer, Float> sparseMap(List<Integer> indices, List<Float> values) {
        Map<Integer, Float> map = new LinkedHashMap<>();
        for (int i = 0; i < indices.size(); i++) map.put(indices.get(i), values.get(i));
        return map;
    }

    private static float[] toArray(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    private static float[] normalized(float[] v) {
        double norm = 0;
        for (float f : v) norm += (double) f * f;
        if (norm == 0) return v.clone();
        float[] out = new float[v.length];
        double len = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / len);
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription("Wrong input: " + message).asRuntimeException();
    }
}
