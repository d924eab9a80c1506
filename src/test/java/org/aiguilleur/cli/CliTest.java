package org.aiguilleur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as an operator uses it. */
class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void check_shippedConfig_exitsZero() {
        assertEquals(0, run("check"), err.toString());
        assertTrue(out.toString().contains("valid"), out.toString());
    }

    @Test
    void check_missingFolder_exitsOneWithTheError() {
        assertEquals(1, run("check", "--config", "no-such-folder"));
        assertTrue(err.toString().contains("aiguilleur.yaml: file not found"), err.toString());
    }

    @Test
    void simulateJson_hasTheDecisionFields() throws Exception {
        assertEquals(0, run("simulate", "--from", "4185230100", "--at", "2026-11-24T10:00", "--input", "2", "--input", "3",
                "--json"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals("queued", j.get("outcome").asText());
        assertEquals("quebec-regions-en", j.get("queue").asText());
        assertEquals("en-CA", j.get("language").asText());
        assertEquals("capitale-nationale", j.get("region").asText());
        assertEquals("health-social", j.get("need").asText());
        assertTrue(j.get("interpreterLanguage").isNull());
        assertTrue(j.get("transferTo").isNull());
        assertTrue(j.get("callback").isNull());
        assertEquals("welcome", j.get("prompts").get(0).get("id").asText());
        assertEquals("fr-CA", j.get("prompts").get(0).get("language").asText());
    }

    @Test
    void simulateJson_afterHoursHasCallbackFalse() throws Exception {
        assertEquals(0, run("simulate", "--from", "+15145550100", "--at", "2026-12-25T21:00", "--input", "1", "1", "--json"));
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals("after-hours", j.get("outcome").asText());
        assertEquals(false, j.get("callback").asBoolean(true));
    }

    @Test
    void simulateTranscript_showsPromptsInputsAndDecision() {
        assertEquals(0, run("simulate", "--from", "anonymous", "--at", "2026-11-24T15:00:00Z", "--input", "1", "429", "8"));
        String t = out.toString();
        assertTrue(t.contains("caller: 429"), t);
        assertTrue(t.contains("=> transfer 811"), t);
        assertTrue(t.contains("outcome:     transferred"), t);
        assertTrue(t.contains("region:      montreal (from postal-code)"), t);
    }

    @Test
    void simulate_badInputToken_isRefused() {
        assertEquals(2, run("simulate", "--from", "x", "--input", "one"));
        assertTrue(err.toString().contains("\"one\" is not keys"), err.toString());
    }

    @Test
    void simulate_badTime_isRefused() {
        assertEquals(2, run("simulate", "--from", "x", "--at", "Christmas"));
        assertTrue(err.toString().contains("is not a time"), err.toString());
    }

    @Test
    void timeArgument_acceptsInstantsOffsetsAndLocalTimes() {
        ZoneId z = ZoneId.of("America/Toronto");
        assertEquals(Instant.parse("2026-12-26T02:00:00Z"), TimeArgument.parse("2026-12-25T21:00", z));
        assertEquals(Instant.parse("2026-12-26T02:00:00Z"), TimeArgument.parse("2026-12-25 21:00", z));
        assertEquals(Instant.parse("2026-12-26T02:00:00Z"), TimeArgument.parse("2026-12-25T21:00:00-05:00", z));
        assertEquals(Instant.parse("2026-12-26T02:00:00Z"), TimeArgument.parse("2026-12-26T02:00:00Z", z));
        assertEquals(Instant.parse("2026-07-01T14:00:00Z"), TimeArgument.parse("2026-07-01T10:00", z), "summer time");
    }

    @Test
    void help_listsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("simulate") && out.toString().contains("serve") && out.toString().contains("check"));
    }
}
