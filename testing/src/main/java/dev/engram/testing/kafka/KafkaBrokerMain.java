package dev.engram.testing.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * Entry point of the broker JVM (not used in the test JVM): formats the KRaft storage, then runs {@code kafka.Kafka}, in one
 * JVM start instead of two.
 *
 * <p>It also ties the broker's life to the test JVM's: the test JVM holds the other end of this process' stdin, and when
 * that end closes, because the test JVM exited or was killed without running its shutdown hooks, the broker halts. No
 * orphan broker survives a crashed or killed test run.
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
        Thread watchdog = new Thread(() -> haltWhenStdinCloses(System.in), "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method format = Class.forName("kafka.tools.StorageTool").getMethod("execute", String[].class, PrintStream.class);
        int formatted = (int) format.invoke(null, new String[] {"format", "-t", args[1], "-c", args[0]}, System.out);
        if (formatted != 0) {
            System.err.println("kafka storage format failed with " + formatted);
            System.exit(formatted);
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {args[0]});
    }

    private static void haltWhenStdinCloses(InputStream stdin) {
        try {
            while (stdin.read() != -1) {
                // the test JVM never writes; a byte would be a misuse, not a reason to stop
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of stream
        }
        Runtime.getRuntime().halt(0);
    }
}
