package org.aiguilleur.translate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.aiguilleur.config.PromptStore;

/**
 * Adds entries to a {@code prompts/<language>.yaml} file as text, so that what people wrote there
 * (their texts, comments, layout) stays as it is: new entries go at the end of the
 * {@code prompts:} block, one line each, in flow style with their source, review and origin.
 */
public final class PromptFiles {
    private static final Pattern BLOCK_START = Pattern.compile("^prompts:\\s*(#.*)?$");
    private static final Pattern INDENTED = Pattern.compile("^(\\s+)\\S.*$");

    private PromptFiles() {
    }

    /**
     * Appends {@code entries} (by prompt id) to {@code file}, creating it with a header when absent.
     *
     * @throws IOException when the file cannot be read or written, or its {@code prompts:} is written inline
     */
    public static void append(Path file, String language, String sourceLanguage, Map<String, PromptStore.Entry> entries)
            throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>(List.of(
                        "# Prompts in " + language + ", machine-translated from " + sourceLanguage
                                + " by `aiguilleur prompts translate`.",
                        "# Review each text with a person who speaks the language, then set reviewed: true",
                        "# (or source: human when rewritten). See docs/PROMPTS.md.",
                        "defaults: { source: machine, reviewed: false }",
                        "prompts:"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (BLOCK_START.matcher(lines.get(i)).matches()) {
                start = i;
                break;
            }
            if (lines.get(i).startsWith("prompts:")) {
                throw new IOException(file + ": \"prompts:\" is written inline; write it as a block to add texts");
            }
        }
        if (start < 0) {
            lines.add("prompts:");
            start = lines.size() - 1;
        }
        int end = start + 1;
        String indent = "  ";
        boolean seen = false;
        while (end < lines.size()) {
            String l = lines.get(end);
            if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")) {
                break; // the next top-level key
            }
            var m = INDENTED.matcher(l);
            if (!seen && m.matches() && !l.strip().startsWith("#")) {
                indent = m.group(1);
                seen = true;
            }
            end++;
        }
        while (end > start + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
            end--;
        }
        List<String> added = new ArrayList<>();
        String in = indent;
        entries.forEach((id, e) -> added.add(in + id + ": { text: " + quote(e.text()) + ", source: " + e.source()
                + ", reviewed: " + e.reviewed() + (e.origin().isEmpty() ? "" : ", origin: " + e.origin())
                + (e.from().isEmpty() ? "" : ", from: \"" + e.from() + "\"") + " }"));
        lines.addAll(end, added);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
