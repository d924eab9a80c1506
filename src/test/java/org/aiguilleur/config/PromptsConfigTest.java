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
    void shipped_enCaAndFrCaAreHumanAndReviewed_esIsNotReviewed() throws ConfigException {
        PromptStore p = ConfigLoader.load(ConfigFixture.SHIPPED).prompts();
        assertEquals(new PromptStore.Entry("For service in English, press 2.", "human", true),
                p.entries("en-CA").get("language-option"));
        assertTrue(p.entries("fr-CA").values().stream().allMatch(e -> e.source().equals("human")));
        // The interpreter bridge's prompts are new and wait for the 211 team's review.
        assertTrue(p.entries("fr-CA").entrySet().stream().filter(e -> !e.getKey().startsWith("interpreter-"))
                .allMatch(e -> e.getValue().reviewed()));
        assertFalse(p.entries("fr-CA").get("interpreter-unavailable").reviewed());
        assertTrue(p.entries("es").values().stream().noneMatch(PromptStore.Entry::reviewed));
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
}
