package dev.engram.testing.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Finds the directory holding the broker's jars (Kafka 4.4.0 and its runtime dependencies).
 *
 * <p>The {@code testing} module's build copies them into {@code testing/target/kafka-broker/lib} and writes that absolute
 * path into the {@code kafka-broker.properties} resource, so any module whose tests depend on {@code testing} finds the
 * same directory, whether it gets {@code testing} from the reactor or as a jar. The system property
 * {@value #OVERRIDE_PROPERTY} overrides the path (for a broker distribution's {@code libs} directory, for example).
 */
final class KafkaBrokerLibrary {

    static final String OVERRIDE_PROPERTY = "engram.kafka.broker.lib";
    private static final String RESOURCE = "kafka-broker.properties";

    private KafkaBrokerLibrary() {
    }

    static Path locate() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        Path dir = override != null && !override.isBlank() ? Path.of(override) : fromBuildResource();
        if (!containsKafkaJar(dir)) {
            throw new IllegalStateException("no Kafka broker jars in " + dir + ": build the testing module first "
                    + "(./engram mvn -q process-resources -pl testing), or point -D" + OVERRIDE_PROPERTY
                    + " at a directory holding kafka_2.13 and its dependencies");
        }
        return dir;
    }

    private static Path fromBuildResource() {
        try (InputStream in = KafkaBrokerLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: the testing module was not built");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Path.of(properties.getProperty("lib.dir"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static boolean containsKafkaJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("kafka_2\\.13-.*\\.jar"));
        } catch (IOException e) {
            return false;
        }
    }
}
