package org.aiguilleur.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises a language named in speech ("mandarin", "créole haïtien", "tiếng việt") from a
 * {@link LanguageNaming}: each language by its English and French names and its own name (autonym).
 * Immutable; built once.
 */
final class LanguageNames {
    /** The most words in a language name worth looking up ("creole haitien", "scottish gaelic"). */
    private static final int MAX_WORDS = 4;
    private final Map<String, String> byFoldedName;

    LanguageNames(LanguageNaming naming, Map<String, List<String>> extraWords) {
        Map<String, String> names = new LinkedHashMap<>();
        // Extra words first so operators' aliases ("mandarin" -> zh) win over generated names.
        extraWords.forEach((tag, words) -> words.forEach(w -> names.putIfAbsent(Text.fold(w).strip(), tag)));
        // Sorted by code so that a name shared by two languages always goes to the same one.
        naming.spokenNames().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (String name : e.getValue()) {
                if (name.length() > 2) {
                    names.putIfAbsent(Text.fold(name).strip(), e.getKey());
                }
            }
        });
        this.byFoldedName = Map.copyOf(names);
    }

    /** The language whose name appears in the speech, the longest name first. */
    Optional<String> find(String speech) {
        // Look up runs of up to MAX_WORDS words (longest first) instead of scanning every name:
        // a map lookup per run keeps this well under a microsecond per word.
        String[] words = Text.fold(speech).strip().split(" ");
        for (int n = Math.min(MAX_WORDS, words.length); n >= 1; n--) {
            for (int i = 0; i + n <= words.length; i++) {
                String run = n == 1 ? words[i] : String.join(" ", java.util.Arrays.asList(words).subList(i, i + n));
                String tag = byFoldedName.get(run);
                if (tag != null) {
                    return Optional.of(tag);
                }
            }
        }
        return Optional.empty();
    }
}
