package org.aiguilleur.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aiguilleur.languages.LanguageCatalogue;

/**
 * The table of what Twilio offers per language ({@code reference/twilio-languages.csv} in the
 * configuration folder): a {@code <Say>} language and a speech-recognition language, each possibly
 * none. Data for the coverage report; the Twilio door's own voice settings are not read from here.
 */
public final class TwilioLanguages {
    /** The table's place in the configuration folder. */
    public static final String FILE = "reference/twilio-languages.csv";
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    /** What Twilio offers for one language. */
    public record Support(Optional<String> say, Optional<String> speech) {
        static final Support NONE = new Support(Optional.empty(), Optional.empty());
    }

    private final Map<String, Support> byLanguage;

    private TwilioLanguages(Map<String, Support> byLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
    }

    /**
     * Reads the table of a configuration folder; every bad row is reported at once. A folder without
     * the table gives an empty one (no language shown as offered).
     */
    public static TwilioLanguages read(Path configDir) throws ConfigException {
        Problems problems = new Problems();
        Map<String, Support> out = new LinkedHashMap<>();
        if (!Files.exists(configDir.resolve(FILE))) {
            return new TwilioLanguages(out);
        }
        LanguageCatalogue catalogue = LanguageCatalogue.standard();
        for (ReferenceData.Row row : ReferenceData.rows(configDir.resolve(FILE), FILE, List.of("language", "say", "speech"),
                problems)) {
            String where = "line " + row.line();
            String lang = row.get("language");
            if (!catalogue.contains(lang) || !LanguageCatalogue.primary(lang).equals(lang)) {
                problems.add(FILE, where, "\"" + lang + "\" is not an ISO 639 code of the language catalogue");
                continue;
            }
            Optional<String> say = locale(row, "say", where, problems);
            Optional<String> speech = locale(row, "speech", where, problems);
            if (out.putIfAbsent(lang, new Support(say, speech)) != null) {
                problems.add(FILE, where, "\"" + lang + "\" is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.errors());
        }
        return new TwilioLanguages(out);
    }

    /** What Twilio offers for a language (nothing for a language not in the table). */
    public Support support(String language) {
        return byLanguage.getOrDefault(LanguageCatalogue.primary(language), Support.NONE);
    }

    private static Optional<String> locale(ReferenceData.Row row, String column, String where, Problems problems) {
        String v = row.get(column);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!LOCALE.matcher(v).matches()) {
            problems.add(FILE, where, column + " \"" + v + "\" is not a language tag like fr-CA");
            return Optional.empty();
        }
        return Optional.of(v);
    }
}
