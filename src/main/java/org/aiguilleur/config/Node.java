package org.aiguilleur.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML value with its file and path, whose getters report problems instead of throwing. A getter
 * that finds a problem records it and returns empty, so reading goes on and every error is found.
 */
final class Node {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    final JsonNode json;
    final String file;
    final String path;
    final Problems problems;

    Node(JsonNode json, String file, String path, Problems problems) {
        this.json = json == null ? MissingNode.getInstance() : json;
        this.file = file;
        this.path = path;
        this.problems = problems;
    }

    void error(String message) {
        problems.add(file, path, message);
    }

    boolean isMissing() {
        return json.isMissingNode() || json.isNull();
    }

    Node child(String key) {
        return new Node(json.get(key), file, path.isEmpty() ? key : path + "." + key, problems);
    }

    /** Reports every key not in {@code allowed}; returns false if the node is not a mapping. */
    boolean keys(Set<String> allowed) {
        if (isMissing()) {
            return false;
        }
        if (!json.isObject()) {
            error("expected a mapping, found " + show(json));
            return false;
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                child(k).error("unknown key (expected one of " + String.join(", ", sorted(allowed)) + ")");
            }
        }
        return true;
    }

    Optional<String> string(String key, boolean required) {
        Node c = child(key);
        if (c.isMissing()) {
            if (required) {
                c.error("is required");
            }
            return Optional.empty();
        }
        return c.asString();
    }

    Optional<String> asString() {
        if (!json.isValueNode()) {
            error("expected text, found " + show(json));
            return Optional.empty();
        }
        String s = json.asText();
        if (s.isBlank()) {
            error("is empty");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    Optional<Integer> integer(String key, boolean required, int min, int max) {
        Node c = child(key);
        if (c.isMissing()) {
            if (required) {
                c.error("is required");
            }
            return Optional.empty();
        }
        if (!c.json.isIntegralNumber() || c.json.asInt() < min || c.json.asInt() > max) {
            c.error(show(c.json) + " is not a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(c.json.asInt());
    }

    Optional<Boolean> bool(String key) {
        Node c = child(key);
        if (c.isMissing()) {
            return Optional.empty();
        }
        if (!c.json.isBoolean()) {
            c.error(show(c.json) + " is not true or false");
            return Optional.empty();
        }
        return Optional.of(c.json.asBoolean());
    }

    Optional<Duration> duration(String key, boolean required) {
        Node c = child(key);
        if (c.isMissing()) {
            if (required) {
                c.error("is required");
            }
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(c.json.asText().strip());
        if (!c.json.isValueNode() || !m.matches()) {
            c.error(show(c.json) + " is not a duration like 5s, 500ms, 2m");
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    /** The items of a list; a single value is read as a one-item list. */
    List<Node> list(String key, boolean required) {
        Node c = child(key);
        if (c.isMissing()) {
            if (required) {
                c.error("is required");
            }
            return List.of();
        }
        return c.items();
    }

    List<Node> items() {
        List<Node> out = new ArrayList<>();
        if (json.isArray()) {
            for (int i = 0; i < json.size(); i++) {
                out.add(new Node(json.get(i), file, path + "[" + i + "]", problems));
            }
        } else {
            out.add(this);
        }
        return out;
    }

    /** The entries of a mapping, in file order. */
    Map<String, Node> entries(String key, boolean required) {
        Node c = child(key);
        if (c.isMissing()) {
            if (required) {
                c.error("is required");
            }
            return Map.of();
        }
        return c.entries();
    }

    Map<String, Node> entries() {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!json.isObject()) {
            error("expected a mapping, found " + show(json));
            return out;
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            out.put(k, child(k));
        }
        return out;
    }

    /** A value as the operator wrote it, quoted, for error messages. */
    static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "\"" + n.asText() + "\"";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.asText();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
