# Engram dashboard-backend: JVM image from the Quarkus fast-jar layout (dashboard-backend/target/quarkus-app/).
#
# Build from the repository root after packaging the app:
#   ./engram mvn -q package -pl dashboard-backend -am -DskipTests
#   docker build -f deploy/docker/dashboard-backend.Dockerfile -t engram/dashboard-backend:0.1.0 .
#
# Runs as user 10001 with nothing written but /tmp (the ONNX runtime extracts its native library there) and
# ENGRAM_DATA_DIR, so it runs on a read-only root file system. Health: /q/health/live and /q/health/ready on port 8082
# (Kubernetes probes; no HEALTHCHECK).

# Exact tag, never latest: Temurin 25.0.1+8 JRE on Ubuntu 24.04 (noble).
FROM eclipse-temurin:25.0.1_8-jre-noble

# The JVM flags every Engram app needs (Lucene's Panama vector API, the ONNX runtime's native access); the
# heap is 75% of the container's memory limit unless JAVA_OPTS says otherwise.
ENV LANG=C.UTF-8 \
    JAVA_OPTS="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    ENGRAM_DATA_DIR=/var/lib/engram \
    ENGRAM_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8082

RUN groupadd --system --gid 10001 engram \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/engram --no-create-home --shell /usr/sbin/nologin engram \
    && mkdir -p /deployments /var/lib/engram \
    && chown 10001:10001 /var/lib/engram

# Dependencies first: they change less often than the app, so their layer is reused. Owned by root: the app cannot
# modify its own code.
COPY dashboard-backend/target/quarkus-app/lib/ /deployments/lib/
COPY dashboard-backend/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
COPY dashboard-backend/target/quarkus-app/app/ /deployments/app/
COPY dashboard-backend/target/quarkus-app/quarkus/ /deployments/quarkus/

WORKDIR /deployments
USER 10001:10001
# The HTTP port, and the management port (metrics, /q/metrics).
EXPOSE 8082 9000
VOLUME ["/var/lib/engram"]

# sh -c so that JAVA_OPTS (set here, or replaced by the Helm chart and compose) is split into arguments; exec keeps
# java as PID 1 so it receives SIGTERM and shuts down gracefully.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
