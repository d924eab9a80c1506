package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prompts/&lt;language&gt;.yaml as read: texts, their source and review, file-wide defaults. */
class PromptsConfigTest {

    @Test
    void shipped_frEnEsArAreHumanAndReviewed_handDraftedLinesAreNot() throws ConfigException {
        PromptStore p = ConfigLoader.load(ConfigFixture.SHIPPED).prompts();
        assertEquals(new PromptStore.Entry("For service in English, press 2.", "human", true),
                p.entries("en-CA").get("language-option"));
        assertTrue(p.entries("fr-CA").values().stream().allMatch(e -> e.source().equals("human")));
        // The interpreter bridge's prompts are new and wait for the 211 team's review.
        assertTrue(p.entries("fr-CA").entrySet().stream().filter(e -> !e.getKey().startsWith("interpreter-"))
                .allMatch(e -> e.getValue().reviewed()));
        assertFalse(p.entries("fr-CA").get("interpreter-unavailable").reviewed());
        for (String lang : List.of("es", "ar")) {
            // The human-written set is reviewed; lines drafted by the doors and the bridge are not.
            assertTrue(p.entries(lang).entrySet().stream().filter(e -> e.getValue().source().equals("human"))
                    .allMatch(e -> e.getValue().reviewed()), lang);
            assertTrue(p.entries(lang).entrySet().stream().filter(e -> e.getValue().source().equals("machine"))
                    .noneMatch(e -> e.getValue().reviewed()), lang);
            assertTrue(p.entries(lang).get("need-menu").reviewed(), lang);
            assertFalse(p.entries(lang).get("interpreter-connecting").reviewed(), lang);
        }
    }

    @Test
    void entryWithItsOwnSource_overridesTheFileDefaults(@TempDir Path tmp) {
        PromptStore p = ConfigFixture.copyOfShipped(tmp)
                .replace("prompts/es.yaml", "  invalid: \"Esa opción no es válida.\"",
                        "  invalid: { text: \"Esa opción no es válida.\", source: machine, reviewed: true }")
                .loadsCleanly().prompts();
        assertEquals(new PromptStore.Entry("Esa opción no es válida.", "machine", true), p.entries("es").get("invalid"));
        assertEquals("human", p.entries("es").get("no-input").source());
    }

    @Test
    void newLanguageFile_addsALanguage(@TempDir Path tmp) {
        PromptStore p = ConfigFixture.copyOfShipped(tmp)
                .write("prompts/de.yaml", "prompts:\n  welcome: \"Willkommen beim 211.\"\n")
                .loadsCleanly().prompts();
        assertEquals(Optional.of("Willkommen beim 211."), p.text("welcome", "de"));
        assertEquals(new PromptStore.Entry("Willkommen beim 211.", "human", false), p.entries("de").get("welcome"));
    }

    @Test
    void missingPromptInBothFallbackLanguages_isReportedForEach(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("dialplans/flow.yaml", "prompts: [need-menu]", "prompts: [needs-menu]");
        assertEquals(List.of(
                "../dialplans/flow.yaml: menus.need.prompts[0]: prompt \"needs-menu\" has no text in ../prompts/en-CA.yaml",
                "../dialplans/flow.yaml: menus.need.prompts[0]: prompt \"needs-menu\" has no text in ../prompts/fr-CA.yaml"),
                f.errors());
    }

    @Test
    void fileSayingHours_needsTheWordsForThem(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("prompts/es.yaml", "  hours-and: \" y \"\n", "");
        assertEquals(List.of("../prompts/es.yaml: prompts: says {hours} but has no \"hours-and\" to word them"),
                f.errors());
    }

    @Test
    void shipped_draftedLanguagesAreMachineHandDrafted_andTheirMenuLineHuman() throws ConfigException {
        PromptStore p = ConfigLoader.load(ConfigFixture.SHIPPED).prompts();
        for (String lang : List.of("zh", "ht", "pt", "vi", "fa", "pa", "tl", "ru", "ro", "it")) {
            assertTrue(p.entries(lang).size() >= 25, lang);
            p.entries(lang).forEach((id, e) -> {
                if (id.equals("language-option")) {
                    assertEquals("human", e.source(), lang);
                } else {
                    assertEquals(new PromptStore.Entry(e.text(), "machine", false, "hand-drafted"), e, lang + " " + id);
                }
            });
        }
        assertEquals(p.entries("fr-CA").keySet(), p.entries("es").keySet());
        assertEquals(p.entries("fr-CA").keySet(), p.entries("ar").keySet());
    }

    @Test
    void machineEntry_keepsItsOrigin_andAHumanEntryInAMachineFileHasNone(@TempDir Path tmp) {
        PromptStore p = ConfigFixture.copyOfShipped(tmp)
                .write("prompts/de.yaml", "defaults: { source: machine, reviewed: false, origin: google-v3 }\n"
                        + "prompts:\n  welcome: \"Willkommen beim 211.\"\n"
                        + "  goodbye: { text: \"Danke für Ihren Anruf beim 211.\", source: human, reviewed: true }\n")
                .loadsCleanly().prompts();
        assertEquals(new PromptStore.Entry("Willkommen beim 211.", "machine", false, "google-v3"),
                p.entries("de").get("welcome"));
        assertEquals(new PromptStore.Entry("Danke für Ihren Anruf beim 211.", "human", true, ""),
                p.entries("de").get("goodbye"));
    }

    @Test
    void shippedTranslationSettings() throws ConfigException {
        TranslationSettings t = ConfigLoader.load(ConfigFixture.SHIPPED).settings().translation();
        assertEquals("v3", t.api());
        assertEquals("fr-CA", t.source());
        assertEquals(List.of("es", "ar", "zh", "ht", "pt", "vi", "fa", "pa", "tl", "ru", "ro", "it"), t.languages());
        assertEquals(java.time.Duration.ofMillis(800), t.callerWait());
        assertEquals(ConfigFixture.PROJECT.resolve("data/translations"), t.cacheDir());
        assertEquals(ConfigFixture.PROJECT.resolve("prompts"), t.promptsDir());
        assertTrue(t.protectedTerms().containsAll(TranslationSettings.ALWAYS_PROTECTED));
    }
}
