package dev.engram.testing.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture rules of docs/architecture.md, checked by an {@code ArchitectureTest} in each module (so they run in
 * {@code ./engram test}) on that module's main classes:
 * <ul>
 *   <li>{@link #frameworkFree}: memory-core runs embedded in a plain Java program, so it uses no framework type;</li>
 *   <li>{@link #layering}: apps → platform → memory-core, never back, and no app uses another;</li>
 *   <li>{@link #assertCyclesOnly}: no package cycles within a module, beyond a frozen, commented list that may only shrink;</li>
 *   <li>{@link #resourcesDoNotTouchStores}: REST resources go through services, never to a store;</li>
 *   <li>{@link #assertAtMostOneStatusTable}: one exception-to-status table per deployable.</li>
 * </ul>
 */
public final class ArchitectureRules {

    /** The modules' root packages, lowest layer first. */
    public enum Module {
        CORE("dev.engram.core"),
        PLATFORM("dev.engram.platform"),
        GATEWAY("dev.engram.gateway"),
        WORKER("dev.engram.worker"),
        DASHBOARD("dev.engram.dashboard");

        private final String root;

        Module(String root) {
            this.root = root;
        }

        public String root() {
            return root;
        }

        /** The modules this one must not use: the layers above it and, for an app, the other apps. */
        Set<Module> forbidden() {
            return switch (this) {
                case CORE -> Set.of(PLATFORM, GATEWAY, WORKER, DASHBOARD);
                case PLATFORM -> Set.of(GATEWAY, WORKER, DASHBOARD);
                case GATEWAY -> Set.of(WORKER, DASHBOARD);
                case WORKER -> Set.of(GATEWAY, DASHBOARD);
                case DASHBOARD -> Set.of(GATEWAY, WORKER);
            };
        }
    }

    /**
     * Packages memory-core's main code must not use: Quarkus and its CDI, Jakarta Persistence, Transactions, REST,
     * SmallRye and MicroProfile, Hibernate, Kafka, Vert.x and HTTP servers. (JDBC, Jackson, Lucene, gRPC for the Qdrant
     * client, LangChain4j and Micrometer are libraries an embedding program can carry.)
     */
    static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta.persistence..", "jakarta.transaction..", "jakarta.ws.rs..",
            "jakarta.enterprise..", "jakarta.inject..", "io.smallrye..", "org.eclipse.microprofile..", "org.hibernate..",
            "org.apache.kafka..", "io.vertx..", "org.jboss..", "io.netty..", "com.sun.net.httpserver.."};

    /** The ports of the system of record; their implementations are stores wherever they live. */
    static final String[] STORE_PORTS = {"dev.engram.core.spi.MemoryStore", "dev.engram.core.ingest.EventStore",
            "dev.engram.core.tenant.ApiKeyStore"};

    private ArchitectureRules() {
    }

    /** The main classes of the module the test runs in ({@code target/classes}, surefire's working directory). */
    public static JavaClasses mainClasses() {
        return new ClassFileImporter().importPath(moduleClasses());
    }

    /** The module's main classes and the classes of {@code packages} on the class path (e.g. the platform an app runs on). */
    public static JavaClasses mainClassesWith(String... packages) {
        Set<Location> locations = new LinkedHashSet<>();
        locations.add(Location.of(moduleClasses()));
        for (String p : packages) {
            int before = locations.size();
            for (Location l : Locations.ofPackage(p)) {
                if (!l.asURI().toString().contains("/test-classes/")) locations.add(l);
            }
            if (locations.size() == before) throw new IllegalStateException("No main classes of " + p + " on the class path");
        }
        return new ClassFileImporter().importLocations(locations);
    }

    private static Path moduleClasses() {
        Path classes = Path.of("target", "classes");
        if (!Files.isDirectory(classes)) throw new IllegalStateException("No " + classes.toAbsolutePath() + ": compile the module first");
        return classes;
    }

    /** memory-core's main code imports no framework type. */
    public static ArchRule frameworkFree() {
        return noClasses().that().resideInAPackage(Module.CORE.root() + "..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("memory-core runs embedded in a plain Java program; framework code lives in the platform module");
    }

    /** {@code module}'s code uses no layer above it and no other app. */
    public static ArchRule layering(Module module) {
        String[] forbidden = module.forbidden().stream().map(m -> m.root() + "..").sorted().toArray(String[]::new);
        return noClasses().that().resideInAPackage(module.root() + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("the apps depend on platform, platform on memory-core, never back, and the apps not on each other");
    }

    /** REST resources (JAX-RS {@code @Path} classes) reach data through services, never a store directly. */
    public static ArchRule resourcesDoNotTouchStores(Module module) {
        var storeClasses = resideInAPackage("..store..")
                .and(simpleNameEndingWith("Store").or(simpleNameEndingWith("Repository")).or(simpleNameEndingWith("Entity")));
        var stores = storeClasses.or(assignableTo(STORE_PORTS[0])).or(assignableTo(STORE_PORTS[1])).or(assignableTo(STORE_PORTS[2]))
                .as("are stores (a store port, or a *Store, *Repository or *Entity of a store package)");
        return noClasses().that().resideInAPackage(module.root() + "..").and().areAnnotatedWith("jakarta.ws.rs.Path")
                .should().dependOnClassesThat(stores)
                .because("a resource maps the request, calls a service and builds the response")
                .allowEmptyShould(true); // the worker has no resources
    }

    /**
     * At most one exception-to-status table in a deployable's classes (its own and the platform's): one class with
     * exception mappers, one {@code *StatusTable}.
     */
    public static void assertAtMostOneStatusTable(JavaClasses deployable) {
        List<String> mappers = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (JavaClass c : deployable) {
            boolean mapper = c.isAssignableTo("jakarta.ws.rs.ext.ExceptionMapper") || c.getMethods().stream()
                    .anyMatch(m -> m.isAnnotatedWith("org.jboss.resteasy.reactive.server.ServerExceptionMapper"));
            if (mapper) mappers.add(c.getName());
            if (c.getSimpleName().endsWith("StatusTable")) tables.add(c.getName());
        }
        if (mappers.size() > 1 || tables.size() > 1) {
            throw new AssertionError("A deployable has one exception-to-status table (the platform's ProblemMapper and "
                    + "HttpStatusTable); found exception mappers " + mappers + " and status tables " + tables);
        }
    }

    /**
     * The package cycles within {@code module} are exactly {@code frozen}: each entry is a back-edge
     * {@code "a -> b"} between the module's top-level packages ({@code (root)} for the root package) that lies on a
     * cycle. A new cycle fails (with one example dependency per edge); so does a frozen edge that is gone, so the list
     * only shrinks.
     */
    public static void assertCyclesOnly(JavaClasses classes, Module module, Set<String> frozen) {
        assertCyclesOnly(classes, module.root(), frozen);
    }

    /** {@link #assertCyclesOnly(JavaClasses, Module, Set)} under any root package. */
    static void assertCyclesOnly(JavaClasses classes, String root, Set<String> frozen) {
        Map<String, Map<String, String>> edges = sliceEdges(classes, root);
        Map<String, String> cyclic = new TreeMap<>();
        edges.forEach((from, targets) -> targets.forEach((to, example) -> {
            if (reaches(edges, to, from)) cyclic.put(from + " -> " + to, example);
        }));
        Set<String> added = new TreeSet<>(cyclic.keySet());
        added.removeAll(frozen);
        Set<String> gone = new TreeSet<>(frozen);
        gone.removeAll(cyclic.keySet());
        StringBuilder failure = new StringBuilder();
        for (String edge : added) {
            failure.append("\n  new package cycle edge ").append(edge).append(" (e.g. ").append(cyclic.get(edge)).append(')');
        }
        for (String edge : gone) failure.append("\n  ").append(edge).append(" is no longer on a cycle: remove it from the frozen list");
        if (!failure.isEmpty()) throw new AssertionError("Package cycles in " + root + ":" + failure);
    }

    /** from slice → (to slice → one example dependency). */
    private static Map<String, Map<String, String>> sliceEdges(JavaClasses classes, String root) {
        Map<String, Map<String, String>> edges = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = slice(c.getPackageName(), root);
            if (from == null) continue;
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = slice(d.getTargetClass().getPackageName(), root);
                if (to == null || to.equals(from)) continue;
                edges.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, d.getDescription());
            }
        }
        return edges;
    }

    /** The top-level package under {@code root} ({@code (root)} for root itself), or null outside it. */
    static String slice(String pkg, String root) {
        if (pkg.equals(root)) return "(root)";
        if (!pkg.startsWith(root + ".")) return null;
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean reaches(Map<String, Map<String, String>> edges, String start, String goal) {
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String s = todo.pop();
            if (s.equals(goal)) return true;
            if (seen.add(s)) todo.addAll(edges.getOrDefault(s, Map.of()).keySet());
        }
        return false;
    }

    /** {@code "a -> b"} entries for {@link #assertCyclesOnly}. */
    public static Set<String> edges(String... edges) {
        return new TreeSet<>(Arrays.asList(edges));
    }
}
