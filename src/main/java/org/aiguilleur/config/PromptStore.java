package org.aiguilleur.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.flow.PromptCatalog;

/**
 * The prompt texts read from {@code prompts/<language>.yaml}, one file per BCP 47 tag.
 * Immutable.
 */
public final class PromptStore implements PromptCatalog {

    /**
     * One text and where it came from.
     *
     * @param source   {@code human} (written by a person) or {@code machine} (a draft to review: made by
     *                 a translation engine, or drafted by hand in its place, see {@code origin})
     * @param reviewed whether a person who speaks the language checked it
     * @param origin   who or what produced a machine text ({@code google-v3}, {@code google-v2},
     *                 {@code hand-drafted}); empty when not said
     * @param from     the {@link #fingerprint} of the source text it was translated from, or empty:
     *                 when the source text changes, the translation is stale
     */
    public record Entry(String text, String source, boolean reviewed, String origin, String from) {
        public Entry {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(from, "from");
        }

        /** An entry whose origin is not said. */
        public Entry(String text, String source, boolean reviewed) {
            this(text, source, reviewed, "", "");
        }

        /** An entry that does not say what it was translated from. */
        public Entry(String text, String source, boolean reviewed, String origin) {
            this(text, source, reviewed, origin, "");
        }

        public boolean machine() {
            return source.equals("machine");
        }
    }

    private final Map<String, Map<String, Entry>> byLanguage;

    /** A short fingerprint of a source text: the first 8 hex digits of its SHA-256. */
    public static String fingerprint(String text) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A store of these entries, by language then prompt id (for tools and tests). */
    public PromptStore(Map<String, Map<String, Entry>> byLanguage) {
        // Hash maps for the lookups of every prompt; each language keeps its file's order.
        Map<String, Map<String, Entry>> copy = new java.util.HashMap<>();
        byLanguage.forEach((lang, entries) -> copy.put(lang, java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(entries))));
        this.byLanguage = Map.copyOf(copy);
    }

    @Override
    public Optional<String> text(String id, String language) {
        Map<String, Entry> texts = byLanguage.get(language);
        if (texts == null) {
            return Optional.empty();
        }
        Entry e = texts.get(id);
        return e == null ? Optional.empty() : Optional.of(e.text());
    }

    public Set<String> languages() {
        return byLanguage.keySet();
    }

    /** The entries of one language, by prompt id. */
    public Map<String, Entry> entries(String language) {
        return byLanguage.getOrDefault(language, Map.of());
    }
}
