package org.aiguilleur.languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalogue: about 200 languages, every name from ICU. */
class LanguageCatalogueTest {
    private final LanguageCatalogue catalogue = LanguageCatalogue.standard();

    @Test
    void holdsAboutTwoHundredLanguages_eachOnce() {
        assertTrue(catalogue.size() >= 190 && catalogue.size() <= 220, "size " + catalogue.size());
        Set<String> codes = new HashSet<>();
        catalogue.all().forEach(l -> assertTrue(codes.add(l.code()), l.code() + " twice"));
    }

    @Test
    void everyLanguageHasAnEnglishAndAFrenchNameThatAreNotItsCode() {
        for (Language l : catalogue.all()) {
            assertFalse(l.english().isBlank() || l.english().equals(l.code()), l.code());
            assertFalse(l.french().isBlank() || l.french().equals(l.code()), l.code());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "fr,  français,   French,           français",
        "en,  English,    English,          anglais",
        "es,  español,    Spanish,          espagnol",
        "pa,  ਪੰਜਾਬੀ,      Punjabi,          pendjabi",
        "yue, 粵語,        Cantonese,        cantonais",
        "so,  Soomaali,   Somali,           somali",
        "ckb, کوردیی ناوەندی, Central Kurdish, sorani",
    })
    void namesComeFromIcu(String code, String autonym, String english, String french) {
        Language l = catalogue.find(code).orElseThrow();
        assertEquals(Optional.of(autonym), l.autonym());
        assertEquals(english, l.english());
        assertEquals(french, l.french());
    }

    @Test
    void languageWithoutItsOwnLocaleData_hasNoAutonymAndIsCalledByItsEnglishName() {
        // ICU ships no Haitian Creole locale: an autonym would be another language's name for it.
        Language ht = catalogue.find("ht").orElseThrow();
        assertEquals(Optional.empty(), ht.autonym());
        assertEquals("Haitian Creole", ht.ownName());
        assertEquals("créole haïtien", ht.nameFor("fr-CA"));
        assertEquals("Haitian Creole", ht.nameFor("en-CA"));
    }

    @Test
    void indigenousLanguagesOfQuebecAndInterpreterLanguagesAreIn() {
        for (String code : List.of("atj", "moe", "mic", "moh", "crj", "crl", "iu", "prs", "kab", "fil", "ti")) {
            assertTrue(catalogue.contains(code), code);
        }
    }

    @Test
    void ancientAndConstructedLanguagesAreLeftOut() {
        for (String code : List.of("la", "eo", "vo", "sa")) {
            assertFalse(catalogue.contains(code), code);
        }
    }

    @Test
    void find_usesThePrimarySubtag_andKnowsNothingOfUnd() {
        assertEquals("fr", catalogue.find("fr-CA").orElseThrow().code());
        assertEquals("zh", catalogue.find("zh-Hant-TW").orElseThrow().code());
        assertEquals(Optional.empty(), catalogue.find("und"));
        assertEquals(Optional.empty(), catalogue.find(""));
        assertEquals("und", LanguageCatalogue.primary(null));
    }

    @Test
    void names_areDistinctAutonymEnglishFrench() {
        assertEquals(List.of("English", "anglais"), catalogue.find("en").orElseThrow().names());
        assertEquals(List.of("français", "French"), catalogue.find("fr").orElseThrow().names());
    }
}
