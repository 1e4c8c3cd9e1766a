package dev.engram.testing.stack;

import dev.engram.testing.stack.ManagedProcess.Signal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalStack} until Ctrl-C (what {@code deploy/local-stack.sh} and {@code ./engram stack} start). It prints
 * the URLs, the admin key and the log files, then reads commands from its standard input:
 * {@code kill N} (SIGKILL worker N), {@code term N} (SIGTERM), {@code restart N}, {@code status}, {@code stop}.
 *
 * <p>Arguments: {@code [--workers N] [--partitions N] [--keycloak KEYCLOAK_HOME] [--dashboard] [--work-dir DIR]
 * [--admin-key KEY] [--repository-root DIR]}.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack.Builder builder = LocalStack.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--workers" -> builder.workers(intValue(args, ++i, arg));
                case "--partitions" -> builder.partitions(intValue(args, ++i, arg));
                case "--dashboard" -> builder.dashboard(true);
                case "--keycloak" -> builder.keycloak(Path.of(value(args, ++i, arg)));
                case "--work-dir" -> builder.workDirectory(Path.of(value(args, ++i, arg)));
                case "--admin-key" -> builder.adminApiKey(value(args, ++i, arg));
                case "--repository-root" -> builder.repositoryRoot(Path.of(value(args, ++i, arg)));
                case "-h", "--help" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    System.err.println("local-stack: unknown argument '" + arg + "'");
                    usage(System.err);
                    System.exit(2);
                }
            }
        }

        long started = System.nanoTime();
        System.out.println("local-stack: starting Kafka, PostgreSQL, the Qdrant emulator, the migration, then the apps ...");
        LocalStack stack;
        try {
            stack = builder.start();
        } catch (RuntimeException e) {
            System.err.println("local-stack: failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // LocalStack's own shutdown hook stops everything on Ctrl-C (SIGINT) or SIGTERM.
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "local-stack-main-shutdown"));
        printSummary(stack, (System.nanoTime() - started) / 1_000_000_000.0);

        Thread commands = new Thread(() -> readCommands(stack), "local-stack-commands");
        commands.setDaemon(true);
        commands.start();
        stopped.await();
    }

    private static void printSummary(LocalStack stack, double seconds) {
        System.out.printf("local-stack: ready in %.0f s (work directory %s)%n", seconds, stack.workDirectory());
        System.out.println("  gateway     " + stack.gatewayUrl() + "   (Mem0-compatible API)");
        System.out.println("  metrics     " + stack.gatewayMetricsUrl() + "   (the gateway's Prometheus metrics)");
        for (int n = 1; n <= stack.workerCount(); n++) {
            System.out.println("  worker-" + n + "    " + stack.workerUrl(n) + "   (/q/health; metrics on its management port)");
        }
        if (stack.hasDashboard()) System.out.println("  dashboard   " + stack.dashboardUrl());
        if (stack.hasKeycloak()) {
            System.out.println("  keycloak    " + stack.keycloakRealmUrl() + "   (admin console: user admin, password "
                    + stack.keycloakAdminPassword() + ")");
        }
        System.out.println("  kafka       " + stack.kafkaBootstrapServers() + "   (topic " + LocalStack.TOPIC + ", "
                + "dead letters " + LocalStack.DEAD_LETTER_TOPIC + ")");
        System.out.println("  postgresql  " + stack.jdbcUrl() + "   (user postgres, trust authentication)");
        System.out.println("  qdrant      " + stack.qdrantAddress() + "   (gRPC; an emulator, not a production index)");
        System.out.println("  data        postgres " + stack.postgresDataDirectory() + " kafka " + stack.kafkaDataDirectory()
                + " apps " + stack.workDirectory().resolve("data"));
        System.out.println("  admin key   " + stack.adminApiKey() + "   (send it as 'Authorization: Token <key>')");
        System.out.println("  logs:");
        for (Map.Entry<String, Path> log : stack.logs().entrySet()) {
            System.out.printf("    %-10s %s%n", log.getKey(), log.getValue());
        }
        System.out.println("local-stack: commands: kill N|kafka|postgres|qdrant | term N | restart N|kafka|postgres|qdrant | status | stop   (Ctrl-C stops everything)");
        System.out.flush();
    }

    private static void readCommands(LocalStack stack) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.trim().split("\\s+");
                if (words[0].isEmpty()) continue;
                try {
                    switch (words[0]) {
                        case "kill" -> {
                            if (dependency(words) != null) {
                                stack.kill(dependency(words));
                                System.out.println("local-stack: " + words[1] + " killed (same port and data on restart)");
                            } else {
                                stack.kill(workerNumber(words), Signal.KILL);
                                System.out.println("local-stack: worker-" + words[1] + " killed (SIGKILL)");
                            }
                        }
                        case "term" -> {
                            stack.kill(workerNumber(words), Signal.TERM);
                            System.out.println("local-stack: worker-" + words[1] + " stopped (SIGTERM)");
                        }
                        case "restart" -> {
                            if (dependency(words) != null) {
                                stack.restart(dependency(words));
                                System.out.println("local-stack: " + words[1] + " restarted and serving");
                            } else {
                                stack.restartWorker(workerNumber(words));
                                System.out.println("local-stack: worker-" + words[1] + " restarted and ready");
                            }
                        }
                        case "status" -> {
                            for (int n = 1; n <= stack.workerCount(); n++) {
                                System.out.println("  worker-" + n + " " + (stack.isWorkerRunning(n) ? "running" : "stopped"));
                            }
                        }
                        case "stop", "quit", "exit" -> System.exit(0);
                        default -> System.out.println("local-stack: commands: kill N|kafka|postgres|qdrant | term N | restart N|kafka|postgres|qdrant | status | stop");
                    }
                } catch (RuntimeException e) {
                    System.out.println("local-stack: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            // no usable stdin (started in the background): Ctrl-C or SIGTERM stop the stack
        }
    }

    /** The dependency a command names ({@code kafka}, {@code postgres}, {@code qdrant}), or null for a worker number. */
    private static LocalStack.Dependency dependency(String[] words) {
        if (words.length < 2) return null;
        return switch (words[1].toLowerCase(Locale.ROOT)) {
            case "kafka" -> LocalStack.Dependency.KAFKA;
            case "postgres", "postgresql" -> LocalStack.Dependency.POSTGRES;
            case "qdrant" -> LocalStack.Dependency.QDRANT;
            default -> null;
        };
    }

    private static int workerNumber(String[] words) {
        if (words.length < 2) throw new IllegalArgumentException(words[0] + " needs a worker number");
        try {
            return Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a worker number: " + words[1]);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("local-stack: " + option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            System.err.println("local-stack: " + option + " needs a number, got '" + v + "'");
            System.exit(2);
            return -1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: local-stack [--workers N (2)] [--partitions N (4)] [--keycloak KEYCLOAK_HOME] [--dashboard (needs"
                + " --keycloak)] [--work-dir DIR] [--admin-key KEY] [--repository-root DIR]");
    }
}
