package dev.engram.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The chart under test (helm/engram), rendered through helm-java with the scenarios in src/test/resources/scenarios. */
final class EngramChart {

    static final Path DIR = Path.of("engram");
    static final String RELEASE = "prod";
    /** helm template assumes Kubernetes 1.20 unless told; the chart requires 1.25+. */
    static final String KUBE_VERSION = "1.31.0";
    static final String NAMESPACE = "memory";
    /** The release's full name: "<release>-<chart>". */
    static final String FULLNAME = RELEASE + "-engram";
    static final String GATEWAY = FULLNAME + "-api-gateway";
    static final String WORKER = FULLNAME + "-ingest-worker";
    static final String DASHBOARD = FULLNAME + "-dashboard-backend";

    /**
     * helm-java's template prints the release manifest only, without hook resources (the migration Job, the
     * chart-created Secret). {@link #renderWithHooks} renders a copy of the chart whose hook annotation key is renamed
     * to this one, so that those resources render as ordinary objects and their hook settings can be asserted.
     */
    static final String HOOK_ANNOTATION = "helm.sh/hook";
    static final String VISIBLE_HOOK_ANNOTATION = "test.engram.dev/hook";

    private static final Map<String, RenderedChart> RENDERED = new ConcurrentHashMap<>();
    private static final Map<String, RenderedChart> RENDERED_WITH_HOOKS = new ConcurrentHashMap<>();
    private static volatile Path chartWithVisibleHooks;

    private EngramChart() {
    }

    static Path scenario(String name) {
        Path file = Path.of("src/test/resources/scenarios", name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no scenario " + file.toAbsolutePath());
        }
        return file;
    }

    /** The chart rendered with one scenario's values (cached: each scenario renders once per test run). */
    static RenderedChart render(String scenario) {
        return RENDERED.computeIfAbsent(scenario, s -> RenderedChart.parse(template(t -> t.withValuesFile(scenario(s)))));
    }

    /** The chart rendered with one scenario's values, hook resources included (see {@link #HOOK_ANNOTATION}). */
    static RenderedChart renderWithHooks(String scenario) {
        return RENDERED_WITH_HOOKS.computeIfAbsent(scenario, s -> RenderedChart.parse(
                template(chartWithVisibleHooks(), t -> t.withValuesFile(scenario(s)))));
    }

    /** Runs `helm template` with the release name and namespace of these tests; the customizer adds values. */
    static String template(UnaryOperator<TemplateCommand> customizer) {
        return template(DIR, customizer);
    }

    private static String template(Path chart, UnaryOperator<TemplateCommand> customizer) {
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        return customizer.apply(command).call();
    }

    private static synchronized Path chartWithVisibleHooks() {
        if (chartWithVisibleHooks == null) {
            try {
                Path copy = Files.createTempDirectory("engram-chart-").resolve("engram");
                try (Stream<Path> files = Files.walk(DIR)) {
                    for (Path source : files.toList()) {
                        Path target = copy.resolve(DIR.relativize(source).toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(target);
                        } else {
                            Files.writeString(target, Files.readString(source)
                                    .replace(HOOK_ANNOTATION + "\"", VISIBLE_HOOK_ANNOTATION + "\""));
                        }
                    }
                }
                chartWithVisibleHooks = copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chartWithVisibleHooks;
    }
}
