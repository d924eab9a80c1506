package org.aiguilleur.languages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The engine on the shipped configuration knows the catalogue's languages by name. */
class CatalogueNamingTest {
    private static final Instant OPEN = Fixtures.local("2026-11-24T10:00");
    private final CatalogueNaming naming = new CatalogueNaming(LanguageCatalogue.standard());

    @Test
    void aCatalogueLanguageOutsideIso6391_namedInFrench_goesToAnInterpreterForIt() {
        CallResult r = Fixtures.call("+15145550100", OPEN, "9", "speech:je parle cantonais", "1").result();
        assertEquals(Optional.of("yue"), r.interpreterLanguage());
    }

    @Test
    void anIndigenousLanguageOfQuebec_namedInEnglish_isRecognised() {
        CallResult r = Fixtures.call("+15145550100", OPEN, "9", "speech:Atikamekw", "1").result();
        assertEquals(Optional.of("atj"), r.language());
    }

    @Test
    void hints_areTheOwnNameThenTheEnglishName() {
        assertEquals(List.of("ਪੰਜਾਬੀ", "Punjabi"), naming.hintNames("pa"));
        assertEquals(List.of("Haitian Creole"), naming.hintNames("ht"));
        assertEquals(List.of("English"), naming.hintNames("en-CA"));
        assertEquals(List.of(), naming.hintNames("und"));
    }

    @Test
    void spokenNames_coverTheWholeCatalogue() {
        assertEquals(LanguageCatalogue.standard().size(), naming.spokenNames().size());
        assertEquals(List.of("粵語", "Cantonese", "cantonais"), naming.spokenNames().get("yue"));
    }
}
