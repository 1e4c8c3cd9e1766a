package dev.engram.bench.quality;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The memory-quality conversations, loaded from {@code quality/conversations/*.json} on the class path (a directory
 * or a jar) and validated as a whole: loading fails with {@link InvalidDatasetException} listing every problem.
 */
public final class QualityDataset {

    public static final String RESOURCE_DIR = "quality/conversations";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<Conversation> conversations;

    private QualityDataset(List<Conversation> conversations) {
        this.conversations = List.copyOf(conversations);
    }

    /** Loads and validates the bundled set. */
    public static QualityDataset load() {
        URL dir = QualityDataset.class.getClassLoader().getResource(RESOURCE_DIR);
        if (dir == null) throw new InvalidDatasetException(List.of("no " + RESOURCE_DIR + " on the class path"));
        try {
            URI uri = dir.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return load(fs.provider().getPath(uri));
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    return load(Path.of(uri));
                }
            }
            return load(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads and validates every {@code *.json} in {@code directory}. */
    public static QualityDataset load(Path directory) {
        var byFile = new TreeMap<String, Conversation>();
        var problems = new ArrayList<String>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString();
                try (InputStream in = Files.newInputStream(f)) {
                    byFile.put(name, JSON.readValue(in, Conversation.class));
                } catch (IOException e) {
                    problems.add(name + ": unreadable JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        problems.addAll(DatasetValidator.validate(byFile));
        if (!problems.isEmpty()) throw new InvalidDatasetException(problems);
        return new QualityDataset(new ArrayList<>(byFile.values()));
    }

    public List<Conversation> conversations() {
        return conversations;
    }
}
