package org.aiguilleur.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machine translations kept across restarts: {@code <dir>/<language>.jsonl}, one JSON object per
 * line ({@code source}, {@code text}, {@code origin}, {@code at}), appended as translations arrive;
 * the last line for a source text wins. Read once when opened. Thread-safe. A file that cannot be
 * written costs only the cache: the translation is still used.
 */
public final class DiskCache {
    private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored translation. */
    public record Stored(String text, String origin) {
    }

    private final Path dir;
    private final InstantSource clock;
    private final Map<String, Map<String, Stored>> byLanguage = new ConcurrentHashMap<>();

    public DiskCache(Path dir, InstantSource clock) {
        this.dir = dir;
        this.clock = clock;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    read(f, name.substring(0, name.length() - ".jsonl".length()));
                }
            } catch (IOException e) {
                LOG.warn("translation cache {} cannot be read: {}", dir, e.getMessage());
            }
        }
    }

    private void read(Path f, String language) throws IOException {
        Map<String, Stored> m = byLanguage.computeIfAbsent(language, k -> new ConcurrentHashMap<>());
        int bad = 0;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (n.path("source").isTextual() && n.path("text").isTextual()) {
                    m.put(n.get("source").asText(), new Stored(n.get("text").asText(), n.path("origin").asText("")));
                } else {
                    bad++;
                }
            } catch (IOException e) {
                bad++; // a line cut by a crash: skip it, keep the rest
            }
        }
        if (bad > 0) {
            LOG.warn("translation cache {}: {} unreadable line(s) skipped", f, bad);
        }
    }

    public Optional<Stored> get(String language, String source) {
        Map<String, Stored> m = byLanguage.get(language);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(source));
    }

    /** Keeps a translation, in memory and appended to its language's file. */
    public synchronized void put(String language, String source, String text, String origin) {
        byLanguage.computeIfAbsent(language, k -> new ConcurrentHashMap<>()).put(source, new Stored(text, origin));
        String line = JSON.createObjectNode().put("source", source).put("text", text).put("origin", origin)
                .put("at", clock.instant().toString()).toString() + "\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(language + ".jsonl"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("translation cache {} cannot be written: {}", dir, e.getMessage());
        }
    }
}
