package org.aiguilleur.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads one YAML file into a {@link Node}, reporting syntax errors with their line. */
final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Yaml() {
    }

    static Optional<Node> read(Path file, String shownName, Problems problems) {
        try {
            JsonNode tree = MAPPER.readTree(Files.readString(file));
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                problems.add(shownName, "", "the file is empty");
                return Optional.empty();
            }
            return Optional.of(new Node(tree, shownName, "", problems));
        } catch (NoSuchFileException e) {
            problems.add(shownName, "", "file not found");
        } catch (JsonProcessingException e) {
            problems.add(shownName, "", "not valid YAML: " + oneLine(e));
        } catch (IOException e) {
            problems.add(shownName, "", "cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The parser's message on one line (SnakeYAML's spans several, with a source excerpt). */
    private static String oneLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null || m.getContextMark() == null ? ""
                    : " (" + m.getContext() + " at line " + (m.getContextMark().getLine() + 1) + ")";
            return "line " + (m.getProblemMark().getLine() + 1) + ": " + m.getProblem() + context;
        }
        String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
        return where + e.getOriginalMessage().lines().findFirst().orElse("");
    }
}
