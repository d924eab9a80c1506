package org.aiguilleur.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises a language named in speech ("mandarin", "créole haïtien", "tiếng việt") from the JDK's
 * locale data: each ISO 639 language by its English and French names and its own name (autonym).
 * Immutable; built once.
 */
final class LanguageNames {
    private final Map<String, String> byFoldedName;

    LanguageNames(Map<String, List<String>> extraWords) {
        Map<String, String> names = new LinkedHashMap<>();
        // Extra words first so operators' aliases ("mandarin" -> zh) win over generated names.
        extraWords.forEach((tag, words) -> words.forEach(w -> names.putIfAbsent(Text.fold(w).strip(), tag)));
        for (String code : Locale.getISOLanguages()) {
            Locale l = Locale.forLanguageTag(code);
            for (Locale in : List.of(Locale.ENGLISH, Locale.FRENCH, l)) {
                String name = l.getDisplayLanguage(in);
                if (name != null && !name.equalsIgnoreCase(code) && name.length() > 2) {
                    names.putIfAbsent(Text.fold(name).strip(), code);
                }
            }
        }
        this.byFoldedName = Map.copyOf(names);
    }

    /** The language whose name appears in the speech, the longest name first. */
    Optional<String> find(String speech) {
        String folded = Text.fold(speech);
        String best = null;
        String bestName = "";
        for (Map.Entry<String, String> e : byFoldedName.entrySet()) {
            String name = e.getKey();
            if (name.length() > bestName.length() && folded.contains(" " + name + " ")) {
                best = e.getValue();
                bestName = name;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Names to pass to a recogniser as hints, for the given tags. */
    static List<String> hintsFor(List<String> tags) {
        List<String> hints = new ArrayList<>();
        for (String tag : tags) {
            Locale l = Locale.forLanguageTag(tag);
            String own = l.getDisplayLanguage(l);
            String en = l.getDisplayLanguage(Locale.ENGLISH);
            if (!own.isBlank() && !own.equalsIgnoreCase(tag)) {
                hints.add(own);
            }
            if (!en.isBlank() && !en.equalsIgnoreCase(tag) && !en.equals(own)) {
                hints.add(en);
            }
        }
        return hints;
    }
}
