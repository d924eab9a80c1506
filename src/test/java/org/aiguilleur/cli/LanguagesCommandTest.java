package org.aiguilleur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aiguilleur.config.ConfigFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiguilleur languages}: the coverage of each language on the shipped configuration. */
class LanguagesCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private JsonNode row(JsonNode doc, String code) {
        for (JsonNode r : doc.get("languages")) {
            if (r.get("code").asText().equals(code)) {
                return r;
            }
        }
        throw new AssertionError(code + " not in the report");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void json_showsPromptsTwilioCentresAndInterpretersPerLanguage() throws Exception {
        assertEquals(0, run("languages", "--format", "json"), err.toString());
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        JsonNode fr = row(doc, "fr");
        assertEquals("French", fr.get("english").asText());
        assertEquals("français", fr.get("autonym").asText());
        assertEquals(List.of("fr-CA"), texts(fr.get("promptTags")));
        assertTrue(fr.get("humanPrompts").asInt() > 20);
        assertEquals(List.of("grand-montreal", "quebec-regions"), texts(fr.get("centres")));
        assertEquals("fr-CA", fr.get("say").asText());

        JsonNode es = row(doc, "es");
        assertEquals(List.of("grand-montreal"), texts(es.get("centres")));
        var esTexts = org.aiguilleur.testing.Fixtures.shipped().prompts().entries("es").values();
        assertEquals(esTexts.stream().filter(e -> e.source().equals("machine")).count(), es.get("machinePrompts").asLong());
        assertEquals(esTexts.stream().filter(e -> e.source().equals("human")).count(), es.get("humanPrompts").asLong());
        assertTrue(es.get("machinePrompts").asInt() >= 4, "at least the bridge's machine-drafted prompts");

        JsonNode pa = row(doc, "pa");
        assertEquals("ਪੰਜਾਬੀ", pa.get("autonym").asText());
        assertEquals(List.of(), texts(pa.get("centres")));
        assertEquals(List.of("interprete-plus (off)", "langues-secours (off)"), texts(pa.get("interpreters")));
        assertEquals("pa-Guru-IN", pa.get("speech").asText());
        // The deployment's own voice table (twilio.voices): Punjabi has a Google voice; Farsi only recognition.
        assertEquals("Google.pa-IN-Wavenet-A", pa.get("voice").asText());
        assertEquals("fa-IR", row(doc, "fa").get("recognizer").asText());
        assertEquals("default", row(doc, "ht").get("voice").asText());

        JsonNode atj = row(doc, "atj");
        assertEquals(List.of("langues-secours (off)"), texts(atj.get("interpreters")));
        assertEquals(201, doc.get("catalogue").asInt());
        assertEquals(List.of("interprete-plus (off)", "langues-secours (off)"), texts(doc.get("undIdentifiedBy")));
    }

    @Test
    void defaultTable_listsOnlyCoveredLanguages_allListsTheWholeCatalogue() {
        assertEquals(0, run("languages"), err.toString());
        String table = out.toString();
        assertTrue(table.startsWith("code  english"), table);
        assertTrue(table.contains("und (language not identified): identified by interprete-plus (off)"), table);
        assertTrue(!table.contains("\nnv "), "Navajo has no prompt, agent or interpreter");
        out.getBuffer().setLength(0);
        assertEquals(0, run("languages", "--all", "--format", "csv"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals("code,english,french,autonym,prompts,human,machine,twilio-voice,twilio-recognizer,offered-say,"
                + "offered-speech,centres,interpreters",
                lines.get(0));
        assertEquals(202, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("nv,Navajo,navajo,")), "Navajo is in the catalogue");
    }

    @Test
    void badTwilioTable_exitsOneWithEveryErrorAndItsLine(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("config/reference/twilio-languages.csv", "vi,vi-VN,vi-VN", "vx,vi-VN,vi VN\nfr,fr-FR,");
        assertEquals(1, run("languages", "--config", f.configDir().toString()));
        assertTrue(err.toString().contains("reference/twilio-languages.csv: line 11: \"vx\" is not an ISO 639 code"), err.toString());
        assertTrue(err.toString().contains("reference/twilio-languages.csv: line 12: \"fr\" is listed twice"), err.toString());
    }

    @Test
    void invalidConfiguration_exitsOneWithItsErrors() {
        assertEquals(1, run("languages", "--config", "no-such-folder"));
        assertTrue(err.toString().contains("aiguilleur.yaml: file not found"), err.toString());
    }
}
