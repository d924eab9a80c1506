package org.aiguilleur.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * A prompt named in the flow: its id and, when it is always spoken in one language (the options of
 * the language menu), that language; otherwise the caller's language is used.
 */
public record PromptRef(String id, Optional<String> language) {
    public PromptRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
    }

    public static PromptRef of(String id) {
        return new PromptRef(id, Optional.empty());
    }

    public static PromptRef of(String id, String language) {
        return new PromptRef(id, Optional.of(language));
    }

    @Override
    public String toString() {
        return language.map(l -> id + "@" + l).orElse(id);
    }
}
