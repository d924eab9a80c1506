package org.aiguilleur.flow;

import static org.aiguilleur.testing.Fixtures.call;
import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the caller hears: languages, fallbacks, generated options and spoken hours. */
class PromptsInJourneyTest {
    static final Instant OPEN = local("2026-11-24T10:00");
    static final Instant NIGHT = local("2026-11-24T21:00");

    private static List<Prompt> heard(String from, Instant at, String... inputs) {
        return call(from, at, inputs).result().prompts();
    }

    @Test
    void welcome_isBilingualAndEachLanguageOptionIsSpokenInItsOwnLanguage() {
        List<Prompt> p = heard("+15145550100", OPEN, "hangup");
        assertEquals(List.of("welcome/fr-CA", "welcome/en-CA", "language-option/fr-CA", "language-option/en-CA",
                "language-option/es", "language-option/ar", "other-languages-option/fr-CA",
                "other-languages-option/en-CA"), p.stream().map(x -> x.id() + "/" + x.language()).toList());
        assertTrue(p.get(0).text().contains("911"), "the welcome points to 911");
    }

    @Test
    void secondLanguageMenu_speaksEachLanguageInItself() {
        List<Prompt> p = heard("+15145550100", OPEN, "9", "hangup");
        List<String> options = p.stream().filter(x -> x.id().equals("language-option")).map(Prompt::language)
                .skip(4).toList();
        assertEquals(List.of("zh", "ht", "pt", "vi", "fa", "pa"), options);
    }

    @Test
    void retry_saysWhyBeforeRepeating() {
        List<Prompt> p = heard("+15145550100", OPEN, "7", "1", "timeout", "hangup");
        List<String> ids = p.stream().filter(x -> x.language().equals("fr-CA")).map(Prompt::id).toList();
        assertEquals(List.of("welcome", "language-option", "other-languages-option",
                "invalid", "welcome", "language-option", "other-languages-option",
                "need-menu", "no-input", "need-menu"), ids);
    }

    @Test
    void spanishCaller_hearsSpanish() {
        List<Prompt> p = heard("anonymous", OPEN, "3", "hangup");
        Prompt postal = p.get(p.size() - 1);
        assertEquals("postal-code", postal.id());
        assertEquals("es", postal.language());
    }

    @Test
    void portugueseCaller_hearsTheDraftedPortugueseTexts() {
        List<Prompt> p = heard("anonymous", OPEN, "9", "3", "hangup");
        Prompt postal = p.get(p.size() - 1);
        assertEquals("postal-code", postal.id());
        assertEquals("pt", postal.language());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "4", "5", "6"})
    void afterHours_inEachSecondMenuLanguage_saysTheHoursInThatLanguage(String key) {
        Prompt p = heard("4185230100", NIGHT, "9", key, "1", "hangup").stream()
                .filter(x -> x.id().equals("after-hours")).findFirst().orElseThrow();
        assertTrue(List.of("zh", "ht", "pt", "vi", "fa", "pa").contains(p.language()), p.language());
        assertTrue(!p.text().contains("{") && p.text().contains("211"), p.text());
        assertTrue(p.text().matches(".*\\d?\\d[:.]\\d\\d.*"), "the hours are said: " + p.text());
    }

    @Test
    void afterHours_inHaitianCreole_namesTheDaysFromItsOwnPrompts() {
        Prompt p = heard("4185230100", NIGHT, "9", "2", "1", "hangup").stream()
                .filter(x -> x.id().equals("after-hours")).findFirst().orElseThrow();
        assertEquals("211 fèmen kounye a. Nou ouvè depi lendi rive vandredi depi 08:30 rive 16:30, eksepte jou ferye yo.",
                p.text());
    }

    @Test
    void regionChoice_namesTheRegionsWithTheirKeys() {
        List<Prompt> p = heard("anonymous", OPEN, "1", "412", "hangup");
        List<String> lines = p.stream().filter(x -> x.id().startsWith("region-choice")).map(Prompt::text).toList();
        assertEquals(List.of("Ce code postal peut correspondre à plusieurs régions.",
                "Pour Capitale-Nationale, faites le 1.", "Pour Montréal, faites le 2."), lines);
    }

    @Test
    void afterHours_saysTheHomeCentresHoursInFrench() {
        Prompt p = after("4185230100", "1");
        assertEquals("Le 211 est fermé en ce moment. Nous sommes ouverts du lundi au vendredi de 8 h 30 à 16 h 30,"
                + " sauf les jours fériés.", p.text());
    }

    @Test
    void afterHours_saysTheHomeCentresHoursInEnglish() {
        Prompt p = after("+15145550100", "2");
        assertEquals("211 is closed right now. We are open every day from 8:00 a.m. to 8:00 p.m.", p.text());
    }

    @Test
    void afterHours_saysTheHoursInSpanish() {
        Prompt p = after("4185230100", "3");
        assertEquals("es", p.language());
        assertTrue(p.text().contains("de lunes a viernes de 8:30 a 16:30, excepto los días festivos"), p.text());
    }

    @Test
    void afterHours_guidesTo911And811() {
        List<Prompt> p = heard("+15145550100", NIGHT, "1", "1", "hangup");
        assertTrue(p.stream().anyMatch(x -> x.id().equals("guidance-911-811") && x.text().contains("811")));
        assertTrue(p.stream().anyMatch(x -> x.id().equals("callback-offer")));
    }

    private static Prompt after(String from, String language) {
        return heard(from, NIGHT, language, "1", "hangup").stream().filter(x -> x.id().equals("after-hours"))
                .findFirst().orElseThrow();
    }
}
