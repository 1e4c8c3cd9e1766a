package dev.engram.testing.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Entry point of the broker JVM (not used in the test JVM): formats the KRaft storage, then runs {@code kafka.Kafka}, in one
 * JVM start instead of two. A directory formatted by an earlier run is kept as it is ({@code --ignore-formatted}): a
 * restarted broker serves the topics and records it had.
 *
 * <p>It also ties the broker's life to the test JVM's: the test JVM holds the other end of this process' stdin, and when
 * that end closes, because the test JVM exited or was killed without running its shutdown hooks, the broker halts. No
 * orphan broker (nor its temporary directory) survives a crashed or killed test run.
 *
 * <p>It uses only the JDK (Kafka is reached by reflection) and has no nested classes: {@link KafkaBroker} copies this one
 * class file next to the broker's jars, whatever class loader the tests run in.
 *
 * <p>Arguments: {@code <server.properties> <cluster-id>}.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <server.properties> <cluster-id>");
            System.exit(2);
        }
        Path workDirectory = Path.of(args[0]).toAbsolutePath().getParent();
        Thread watchdog = new Thread(() -> haltWhenStdinCloses(System.in, workDirectory), "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method format = Class.forName("kafka.tools.StorageTool").getMethod("execute", String[].class, PrintStream.class);
        int formatted = (int) format.invoke(null, new String[] {"format", "-t", args[1], "-c", args[0], "--ignore-formatted"}, System.out);
        if (formatted != 0) {
            System.err.println("kafka storage format failed with " + formatted);
            System.exit(formatted);
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {args[0]});
    }

    private static void haltWhenStdinCloses(InputStream stdin, Path workDirectory) {
        try {
            while (stdin.read() != -1) {
                // the test JVM never writes; a byte would be a misuse, not a reason to stop
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of stream
        }
        // The test JVM is gone and cannot clean up after us: remove the broker's directory (the broker's files are
        // still open, which Linux allows), then stop without running Kafka's slow shutdown.
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover directory in the temp dir is harmless
        }
        Runtime.getRuntime().halt(0);
    }
}
