package org.aiguilleur.audio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The espeak-ng voice for each prompt language. espeak-ng has no Canadian voices: Québec French is
 * spoken with {@code fr-fr}, Canadian English with {@code en-us}. Operators override any of them.
 */
public final class Voices {
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("fr-CA", "fr-fr"), Map.entry("fr", "fr-fr"),
            Map.entry("en-CA", "en-us"), Map.entry("en", "en-us"),
            Map.entry("es", "es-419"), Map.entry("ar", "ar"), Map.entry("zh", "cmn"), Map.entry("ht", "ht"),
            Map.entry("pt", "pt"), Map.entry("vi", "vi"), Map.entry("fa", "fa"), Map.entry("pa", "pa"));

    private final Map<String, String> chosen;
    private final Set<String> installed;

    /**
     * @param overrides language to voice, from the command line
     * @param installed the voices espeak-ng has ({@code espeak-ng --voices}, second column)
     */
    public Voices(Map<String, String> overrides, Set<String> installed) {
        this.chosen = new LinkedHashMap<>(DEFAULTS);
        this.chosen.putAll(overrides);
        this.installed = Set.copyOf(installed);
    }

    /** The voice for a BCP 47 language: its own choice, else its primary subtag's, else a voice of that name. */
    public Optional<String> voice(String language) {
        String primary = language.contains("-") ? language.substring(0, language.indexOf('-')) : language;
        for (String candidate : new String[] {chosen.get(language), chosen.get(primary), language.toLowerCase(), primary}) {
            if (candidate != null && installed.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
