package org.aiguilleur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.aiguilleur.config.ConfigFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiguilleur check}: exit 0 for a valid folder; exit 1 and every error on stderr otherwise. */
class CheckCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(Path dir) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "check", "--config", dir.toString());
    }

    @Test
    void shippedConfiguration_isValid() {
        assertEquals(0, check(ConfigFixture.SHIPPED));
        assertEquals("", err.toString());
        assertEquals(ConfigFixture.SHIPPED + ": valid. 2 centres, 6 queues (grand-montreal-fr, grand-montreal-en, "
                + "grand-montreal-es, grand-montreal-ar, quebec-regions-fr, quebec-regions-en), 17 regions, "
                + "14 prompt languages." + System.lineSeparator(), out.toString());
    }

    @Test
    void badConfiguration_exits1_withEveryErrorOnStderr(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "timezone: America/Toronto", "timezone: Eastern")
                .replace("config/centres.yaml", "mon-fri: \"08:30-16:30\"", "mon: \"8h30-16h30\"")
                .replace("dialplans/flow.yaml", "{ key: \"4\", language: ar,", "{ key: \"3\", language: ar,");
        assertEquals(1, check(f.configDir()));
        assertEquals("", out.toString());
        List<String> lines = err.toString().lines().toList();
        assertEquals(List.of(
                f.configDir() + ": 3 configuration errors:",
                "  aiguilleur.yaml: timezone: \"Eastern\" is not a time zone like America/Toronto",
                "  centres.yaml: centres.quebec-regions.hours.mon: \"8h30-16h30\" is not HH:MM-HH:MM",
                "  ../dialplans/flow.yaml: menus.language.options[3].key: key \"3\" is used twice"), lines);
    }

    @Test
    void missingFolder_exits1(@TempDir Path tmp) {
        assertEquals(1, check(tmp.resolve("nowhere")));
        assertTrue(err.toString().contains("aiguilleur.yaml: file not found"), err.toString());
    }

    @Test
    void publicRun_returnsTheExitCode(@TempDir Path tmp) {
        // The entry point used by main(): same exit codes, console output.
        assertEquals(0, Main.run("check", "--config", ConfigFixture.SHIPPED.toString()));
        assertEquals(1, Main.run("check", "--config", tmp.toString()));
    }
}
