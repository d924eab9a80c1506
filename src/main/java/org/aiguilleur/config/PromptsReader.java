package org.aiguilleur.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads {@code prompts/<language>.yaml}, one file per language. */
final class PromptsReader {
    private PromptsReader() {
    }

    static PromptStore read(Path dir, String shownDir, Problems problems) {
        Map<String, Map<String, PromptStore.Entry>> all = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            problems.add(shownDir, "", "folder not found");
            return new PromptStore(all);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String lang = name.substring(0, name.length() - ".yaml".length());
                String shown = shownDir + "/" + name;
                Problems local = problems;
                Node probe = new Node(null, shown, "", local);
                if (FlowReader.tag(probe, lang).isEmpty()) {
                    continue;
                }
                Yaml.read(f, shown, problems).ifPresent(root -> all.put(lang, entries(root)));
            }
        } catch (IOException e) {
            problems.add(shownDir, "", "cannot be read: " + e.getMessage());
        }
        return new PromptStore(all);
    }

    private static Map<String, PromptStore.Entry> entries(Node root) {
        root.keys(Set.of("defaults", "prompts"));
        Node d = root.child("defaults");
        String defSource = "human";
        boolean defReviewed = false;
        String defOrigin = "";
        if (d.keys(Set.of("source", "reviewed", "origin"))) {
            defSource = source(d).orElse("human");
            defReviewed = d.bool("reviewed").orElse(false);
            defOrigin = d.string("origin", false).orElse("");
        }
        Map<String, PromptStore.Entry> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : root.entries("prompts", true).entrySet()) {
            Node n = e.getValue();
            if (n.json.isObject()) {
                n.keys(Set.of("text", "source", "reviewed", "origin", "from"));
                String source = n.child("source").isMissing() ? defSource : source(n).orElse(defSource);
                boolean reviewed = n.bool("reviewed").orElse(defReviewed);
                // A person's text has no machine origin unless the entry says so itself.
                String origin = n.string("origin", false).orElse(source.equals(defSource) ? defOrigin : "");
                String from = n.string("from", false).orElse("");
                if (!from.isEmpty() && !from.matches("[0-9a-f]{8}")) {
                    n.child("from").error("\"" + from + "\" is not the 8 hex digits that prompts translate writes");
                }
                n.string("text", true).ifPresent(t -> out.put(e.getKey(),
                        new PromptStore.Entry(t, source, reviewed, origin, from)));
            } else {
                String source = defSource;
                boolean reviewed = defReviewed;
                String origin = defOrigin;
                n.asString().ifPresent(t -> out.put(e.getKey(), new PromptStore.Entry(t, source, reviewed, origin)));
            }
        }
        return out;
    }

    private static Optional<String> source(Node n) {
        Optional<String> s = n.string("source", false);
        if (s.isPresent() && !s.get().equals("human") && !s.get().equals("machine")) {
            n.child("source").error("\"" + s.get() + "\" is not human or machine");
            return Optional.empty();
        }
        return s;
    }
}
