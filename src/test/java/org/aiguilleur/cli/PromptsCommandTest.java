package org.aiguilleur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.PromptStore;
import org.aiguilleur.testing.FakeTranslate;
import org.aiguilleur.translate.GoogleAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aiguilleur prompts status} and {@code prompts translate}, the latter against the fake API. */
class PromptsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeTranslate fake = new FakeTranslate("k");

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        fake.close();
    }

    private int run(GoogleAccess access, String... args) {
        CommandLine cli = new CommandLine(new PromptsCommand(access));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void status_countsHumanMachineReviewedAndMissing_perLanguage() {
        // fr-CA and en-CA: 26 reviewed texts and the interpreter bridge's 4, not yet reviewed.
        assertEquals(0, run(fake.access(), "status"), err.toString());
        String s = out.toString();
        assertTrue(s.lines().anyMatch(l -> l.matches("fr-CA\\s+32\\s+0\\s+28\\s+4\\s+0\\s*")), s);
        assertTrue(s.lines().anyMatch(l -> l.matches("es\\s+26\\s+6\\s+26\\s+6\\s+0\\s+hand-drafted 6")), s);
        assertTrue(s.lines().anyMatch(l -> l.matches("zh\\s+1\\s+31\\s+0\\s+32\\s+0\\s+hand-drafted 31")), s);
        assertTrue(s.lines().anyMatch(l -> l.matches("ru\\s+0\\s+31\\s+0\\s+31\\s+1\\s+hand-drafted 31")), s);
        assertTrue(s.contains("ru lacks: language-option"), s);
        assertEquals(0, fake.requests());
    }

    @Test
    void translate_withoutCredentials_saysSoAndWritesNothing() {
        assertEquals(1, run(FakeTranslate.noAccess(), "translate", "--to", "de"));
        assertTrue(err.toString().contains("no Google credentials"), err.toString());
        assertEquals(0, fake.requests());
    }

    @Test
    void translate_fillsTheMissingTexts_asMachineUnreviewed_keepingHumanTextsAndComments() throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp);
        f.write("config/aiguilleur.yaml", fake.pointAt(f.read("config/aiguilleur.yaml")));
        String human = "# The line that offers this language, by a person.\n"
                + "defaults: { source: human, reviewed: true }\n"
                + "prompts:\n"
                + "  language-option: \"Para atendimento em português, pressione 3.\"\n"
                + "  # goodbye was written by the 211 team\n"
                + "  goodbye: \"Obrigado por ligar para o 211. Até logo.\"\n";
        f.write("prompts/pt.yaml", human);
        assertEquals(0, run(fake.access(), "translate", "--to", "pt", "--config", f.configDir().toString()),
                err.toString());
        assertTrue(out.toString().contains("pt: 30 text(s) added as machine, not reviewed"), out.toString());
        assertTrue(f.read("prompts/pt.yaml").startsWith(human), f.read("prompts/pt.yaml"));
        PromptStore p = f.loadsCleanly().prompts();
        assertEquals(new PromptStore.Entry("Obrigado por ligar para o 211. Até logo.", "human", true),
                p.entries("pt").get("goodbye"));
        String french = p.entries("fr-CA").get("after-hours").text();
        assertEquals(new PromptStore.Entry("[pt] LE 211 EST FERMÉ EN CE MOMENT. NOUS SOMMES OUVERTS {hours}.",
                "machine", false, "google-v3", PromptStore.fingerprint(french)), p.entries("pt").get("after-hours"));
        assertEquals(1, fake.requests());

        // A second run has nothing left to do.
        assertEquals(0, run(fake.access(), "translate", "--to", "pt", "--config", f.configDir().toString()));
        assertTrue(out.toString().contains("pt: 0 text(s) added"), out.toString());
        assertEquals(1, fake.requests());
    }

    @Test
    void status_afterTheFrenchTextChanged_listsTheTranslationsToReCheck() {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp);
        f.write("config/aiguilleur.yaml", fake.pointAt(f.read("config/aiguilleur.yaml")));
        f.write("prompts/pt.yaml", "prompts:\n  language-option: \"Para atendimento em português, pressione 3.\"\n");
        assertEquals(0, run(fake.access(), "translate", "--to", "pt", "--config", f.configDir().toString()),
                err.toString());
        f.replace("prompts/fr-CA.yaml", "Le 211 est fermé en ce moment.", "Le 211 est fermé pour le moment.");
        assertEquals(0, run(fake.access(), "status", "--config", f.configDir().toString()), err.toString());
        assertTrue(out.toString().contains("pt translated from an older fr-CA text (re-check): after-hours"),
                out.toString());
    }

    @Test
    void translate_newLanguage_createsItsFile_andRejectsTextsThatLoseAPlaceholder() {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp);
        f.write("config/aiguilleur.yaml", fake.pointAt(f.read("config/aiguilleur.yaml")));
        fake.rewrite(t -> t.replace("<span translate=\"no\">{name}</span>", "NOM"));
        assertEquals(0, run(fake.access(), "translate", "--to", "de", "--config", f.configDir().toString()),
                err.toString());
        assertTrue(err.toString().contains("de: region-choice-option: rejected, placeholders [{key}] do not match"),
                err.toString());
        PromptStore p = f.loadsCleanly().prompts();
        assertEquals(30, p.entries("de").size(), "all but language-option and the rejected text");
        assertTrue(p.entries("de").values().stream().allMatch(e -> e.machine() && !e.reviewed()));
        assertTrue(f.read("prompts/de.yaml").contains("defaults: { source: machine, reviewed: false }"));
    }
}
