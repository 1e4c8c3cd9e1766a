package dev.engram.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion and fails with its output when it does not succeed. */
public final class Command {

    private Command() {
    }

    /**
     * Runs {@code command} and waits for it. Output goes to a file, not a pipe: a daemon the command leaves behind
     * (pg_ctl start) would otherwise hold the pipe open and a reader would never see its end.
     *
     * @return what the command printed (stdout and stderr)
     * @throws IllegalStateException if it exits non-zero or outlives {@code timeout}
     */
    public static String run(List<String> command, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("engram-cmd", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command)
                        + System.lineSeparator() + Files.readString(output, StandardCharsets.UTF_8));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit code " + process.exitValue() + ": " + String.join(" ", command)
                        + System.lineSeparator() + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover log file in the temp dir is harmless
                }
            }
        }
    }
}
