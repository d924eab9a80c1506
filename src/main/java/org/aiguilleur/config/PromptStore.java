package org.aiguilleur.config;

import java.util.Map;
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
     * @param source   {@code human} or {@code machine}
     * @param reviewed whether a person checked it
     */
    public record Entry(String text, String source, boolean reviewed) {
    }

    private final Map<String, Map<String, Entry>> byLanguage;

    PromptStore(Map<String, Map<String, Entry>> byLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
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
