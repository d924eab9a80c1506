package org.aiguilleur.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.flow.PromptCatalog;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.simulate.Simulator;
import org.aiguilleur.testing.FakeTranslate;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call in a language whose texts are missing, through the engine, as {@code serve} wires it. */
class EngineTranslationTest {
    final FakeTranslate fake = new FakeTranslate("k");
    final List<String> notices = new ArrayList<>();
    TranslationService service;
    Configuration config;

    @TempDir
    Path tmp;

    @BeforeEach
    void portugueseWithOnlyItsMenuLine() {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp);
        f.write("config/aiguilleur.yaml", fake.pointAt(f.read("config/aiguilleur.yaml")));
        f.write("prompts/pt.yaml", "prompts:\n  language-option: \"Para atendimento em português, pressione 3.\"\n");
        config = f.loadsCleanly();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        fake.close();
    }

    private Prompt postalCodePrompt() {
        var engine = config.engine(Clock.fixed(Fixtures.local("2026-11-24T10:00"), Fixtures.QUEBEC), LiveStaffing.UNKNOWN,
                service.catalog(config));
        List<Prompt> heard = Simulator.run(engine, new CallStart("c1", "test", "anonymous", "211"),
                List.of("9", "3", "hangup")).result().prompts();
        return heard.get(heard.size() - 1);
    }

    @Test
    void missingPortuguese_isTranslatedAheadOfTheCallers_once() throws Exception {
        service = TranslationService.start(config.settings().translation(), fake.access(), Clock.systemUTC(),
                notices::add);
        // The server builds the catalogue when the configuration loads: what pt lacks is asked for then.
        PromptCatalog catalog = service.catalog(config);
        for (int i = 0; i < 200 && fake.requests() == 0; i++) {
            Thread.sleep(25);
        }
        assertEquals(1, fake.requests(), "asked before any call");
        TranslationServiceTest.awaitPresent(catalog, "postal-code", "pt");
        assertEquals(1, fake.requests());
        Prompt p = postalCodePrompt();
        assertEquals("pt", p.language());
        assertTrue(p.text().startsWith("[pt] POUR VOUS DIRIGER"), p.text());
        assertEquals(List.of(), notices);
        assertEquals(1, fake.requests());
    }

    @Test
    void withoutCredentials_theCallerHearsTheFallbackLanguage_andNoticeIsGivenOnce() {
        service = TranslationService.start(config.settings().translation(), FakeTranslate.noAccess(), Clock.systemUTC(),
                notices::add);
        assertEquals("en-CA", postalCodePrompt().language());
        assertEquals("en-CA", postalCodePrompt().language());
        assertEquals(1, notices.size());
        assertEquals(0, fake.requests());
    }

    @Test
    void centreNames_areProtected() {
        service = TranslationService.start(config.settings().translation(), fake.access(), Clock.systemUTC(),
                notices::add);
        ProtectedText p = ((TranslatingCatalog) service.catalog(config)).protect;
        assertTrue(p.terms().containsAll(List.of("211 Grand Montréal", "211 Québec régions", "Info-Santé", "811")),
                p.terms().toString());
    }
}
