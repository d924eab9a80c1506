package org.aiguilleur.translate;

import java.util.List;

/**
 * A machine-translation service: translates HTML texts (protected parts wrapped in
 * {@code <span translate="no">}) from one language into another. Thread-safe; blocking, with its
 * own request time-out.
 */
public interface Translator extends AutoCloseable {

    /**
     * @return the translations, in the order of {@code html}
     * @throws TranslationException when the service fails, refuses (quota) or times out
     */
    List<String> translate(List<String> html, String from, String to) throws TranslationException;

    /** What produced the texts, recorded as their origin ({@code google-v3}, {@code google-v2}). */
    String origin();

    @Override
    void close();
}
