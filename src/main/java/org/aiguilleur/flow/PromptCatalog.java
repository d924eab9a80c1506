package org.aiguilleur.flow;

import java.util.Optional;

/** Prompt texts by id and language. Implementations are immutable or thread-safe. */
@FunctionalInterface
public interface PromptCatalog {

    /** The text of {@code id} in exactly {@code language} (a BCP 47 tag), with its placeholders. */
    Optional<String> text(String id, String language);

    /**
     * Whether a lookup may now have to wait (for a translation from a remote service) rather than
     * answer from memory. Asked often: must be cheap. By default no.
     */
    default boolean mayWait() {
        return false;
    }
}
