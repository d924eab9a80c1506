package org.aiguilleur.languages;

import com.ibm.icu.text.DisplayContext;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * About 200 languages, every name from ICU's locale data (no name is typed here). The catalogue holds
 * the living ISO 639-1 languages and a curated list of ISO 639-3 languages that interpreter services
 * offer or that Québec callers speak (Cantonese, Dari, Kabyle, the Indigenous languages of Québec
 * that ICU names, ...). Immutable and thread-safe; {@link #standard()} is built once.
 */
public final class LanguageCatalogue {
    /** ISO 639-1 codes left out: ancient, liturgical or constructed languages nobody calls 211 in. */
    static final Set<String> LEFT_OUT = Set.of("ae", "cu", "eo", "ia", "ie", "io", "la", "pi", "sa", "vo");

    /**
     * Languages added to ICU's ISO 639-1 list (mostly ISO 639-3): spoken by Québec callers or offered by telephone
     * interpreter services, and named by ICU.
     */
    static final List<String> ADDED = List.of(
            // Chinese languages, Asia and the Pacific
            "yue", "nan", "hak", "tl", "fil", "ceb", "ilo", "hmn", "rhg", "bho", "mai",
            // Middle East and North Africa
            "prs", "ckb", "syr", "kab", "shi", "zgh",
            // Africa and the Indian Ocean
            "tig", "din", "nus", "pcm", "mfe",
            // Europe
            "rom",
            // Indigenous languages of Québec (Atikamekw, Innu, Mi'kmaq, Mohawk, East Cree)
            "atj", "moe", "mic", "moh", "crj", "crl");

    private static final class Holder {
        static final LanguageCatalogue STANDARD = build();
    }

    private final Map<String, Language> byCode;

    LanguageCatalogue(List<Language> languages) {
        Map<String, Language> m = new LinkedHashMap<>();
        languages.forEach(l -> m.put(l.code(), l));
        this.byCode = java.util.Collections.unmodifiableMap(m);
    }

    /** The catalogue of this build (ICU's names), built on first use. */
    public static LanguageCatalogue standard() {
        return Holder.STANDARD;
    }

    /** Every language, ISO 639-1 first (alphabetical), then the added ones in their listed order. */
    public List<Language> all() {
        return List.copyOf(byCode.values());
    }

    public int size() {
        return byCode.size();
    }

    /**
     * The language of a BCP 47 tag, by its primary subtag ({@code fr-CA} is {@code fr}). Empty for
     * {@code und} and for languages outside the catalogue.
     */
    public Optional<Language> find(String tag) {
        return Optional.ofNullable(byCode.get(primary(tag)));
    }

    /** Whether the tag's primary language is in the catalogue. */
    public boolean contains(String tag) {
        return byCode.containsKey(primary(tag));
    }

    /** The primary subtag of a BCP 47 tag, lower case ({@code und} for a blank tag). */
    public static String primary(String tag) {
        if (tag == null || tag.isBlank()) {
            return "und";
        }
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    private static LanguageCatalogue build() {
        LocaleDisplayNames en = LocaleDisplayNames.getInstance(ULocale.ENGLISH, DisplayContext.NO_SUBSTITUTE);
        LocaleDisplayNames fr = LocaleDisplayNames.getInstance(ULocale.FRENCH, DisplayContext.NO_SUBSTITUTE);
        // A language's own data exists only for locales ICU ships; elsewhere ICU would fall back
        // to another language's names, which is not an autonym.
        Set<String> ownData = new HashSet<>();
        for (ULocale l : ULocale.getAvailableLocales()) {
            ownData.add(l.getLanguage());
        }
        List<String> codes = new ArrayList<>();
        for (String c : ULocale.getISOLanguages()) {
            if (c.length() == 2 && !LEFT_OUT.contains(c)) {
                codes.add(c);
            }
        }
        codes.addAll(ADDED);
        List<Language> out = new ArrayList<>();
        for (String c : codes) {
            String english = en.languageDisplayName(c);
            String french = fr.languageDisplayName(c);
            if (english == null || english.equals(c)) {
                continue; // ICU cannot name it: not in the catalogue
            }
            Optional<String> autonym = Optional.empty();
            if (ownData.contains(c)) {
                String own = LocaleDisplayNames.getInstance(new ULocale(c), DisplayContext.NO_SUBSTITUTE)
                        .languageDisplayName(c);
                if (own != null && !own.equals(c)) {
                    autonym = Optional.of(own);
                }
            }
            out.add(new Language(c, autonym, english, french == null ? english : french));
        }
        return new LanguageCatalogue(out);
    }
}
