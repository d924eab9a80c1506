package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.aiguilleur.flow.MenuOption;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped configuration loads as documented; a broken one reports every error at once. */
class ConfigLoaderTest {

    private static Configuration shipped() throws ConfigException {
        return ConfigLoader.load(ConfigFixture.SHIPPED);
    }

    @Test
    void shipped_hasTwoCentresInOverflowOrder() throws ConfigException {
        List<Centre> centres = shipped().centres();
        assertEquals(List.of("grand-montreal", "quebec-regions"), centres.stream().map(Centre::id).toList());
        assertEquals(List.of("fr", "en", "es", "ar"), centres.get(0).languages());
        assertEquals(List.of("fr", "en"), centres.get(1).languages());
    }

    @Test
    void shipped_hasOneQueuePerCentreAndLanguage() throws ConfigException {
        assertEquals(List.of("grand-montreal-fr", "grand-montreal-en", "grand-montreal-es", "grand-montreal-ar",
                "quebec-regions-fr", "quebec-regions-en"), shipped().queues());
    }

    @Test
    void shipped_hasTheSeventeenRegionsOfQuebec() throws ConfigException {
        List<Region> regions = List.copyOf(shipped().regions().regions());
        assertEquals(17, regions.size());
        for (int i = 0; i < 17; i++) {
            assertEquals(String.format("%02d", i + 1), regions.get(i).code());
        }
        assertEquals("montreal", shipped().regions().region("montreal").orElseThrow().id());
        assertEquals("Gaspésie–Îles-de-la-Madeleine",
                shipped().regions().region("gaspesie-iles-de-la-madeleine").orElseThrow().name());
    }

    @Test
    void shipped_everyRegionIsServedByExactlyOneCentre() throws ConfigException {
        Configuration c = shipped();
        for (Region r : c.regions().regions()) {
            assertEquals(1, c.centres().stream().filter(centre -> centre.serves(r.id())).count(), r.id());
        }
    }

    @Test
    void shipped_hasTheQuebecHolidayCalendarOfTenRules() throws ConfigException {
        Configuration c = shipped();
        assertEquals(Set.of("quebec-statutory"), c.calendars().keySet());
        assertEquals(10, c.calendars().get("quebec-statutory").holidays().size());
        assertTrue(c.centres().get(0).holidays().isEmpty(), "grand-montreal opens on holidays");
        assertEquals("quebec-statutory", c.centres().get(1).holidays().orElseThrow().id());
    }

    @Test
    void shipped_settings() throws ConfigException {
        Settings s = shipped().settings();
        assertEquals(ZoneId.of("America/Toronto"), s.zone());
        assertEquals("grand-montreal", s.defaultCentre());
        assertEquals("grand-montreal-fr", s.defaultQueue());
        assertEquals("fr", s.interpreterQueueLanguage());
        assertEquals("127.0.0.1:4573", s.agi().toString());
        assertEquals("0.0.0.0:8080", s.http().toString());
    }

    @Test
    void shipped_flowAndPrompts() throws ConfigException {
        Configuration c = shipped();
        assertEquals(List.of("en-CA", "fr-CA"), c.flow().promptFallback());
        assertEquals(List.of("1", "2", "3", "4", "9"), c.flow().language().options().stream().map(MenuOption::key).toList());
        assertEquals("fr-CA", c.flow().language().defaultValue());
        assertEquals(3, c.flow().postalCode().maxDigits());
        assertEquals(Duration.ofSeconds(8), c.flow().postalCode().timeout());
        assertEquals(2, c.flow().need().attempts());
        assertEquals(Duration.ofMinutes(2), c.flow().recordMaxLength());
        assertEquals("811", c.flow().transfers().get("info-sante").destination());
        assertEquals(Set.of("ar", "en-CA", "es", "fa", "fr-CA", "ht", "it", "pa", "pt", "ro", "ru", "tl", "vi", "zh"),
                c.prompts().languages());
        assertTrue(c.prompts().text("welcome", "fr-CA").orElseThrow().startsWith("Bienvenue au 211"));
    }

    @Test
    void severalErrorsInSeveralFiles_areAllReportedAtOnce(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "timezone: America/Toronto", "timezone: Eastern")
                .replace("config/centres.yaml", "mon-fri: \"08:30-16:30\"", "mon: \"8h30-16h30\"")
                .replace("dialplans/flow.yaml", "timeout: 8s", "timeout: 5 sec")
                .replace("prompts/es.yaml", "defaults: { source: human,", "defaults: { source: robot,")
                .replace("config/reference/quebec-fsa.csv", "H2X,Plateau Mont-Royal Southeast,06,",
                        "H2X,Plateau Mont-Royal Southeast,60,");
        ConfigException e = f.exception();
        List<String> expected = List.of(
                "aiguilleur.yaml: timezone: \"Eastern\" is not a time zone like America/Toronto",
                "reference/quebec-fsa.csv: line 184: region_code \"60\" is not a region of regions.yaml",
                "centres.yaml: centres.quebec-regions.hours.mon: \"8h30-16h30\" is not HH:MM-HH:MM",
                "../prompts/es.yaml: defaults.source: \"robot\" is not human or machine",
                "../dialplans/flow.yaml: menus.postal-code.timeout: \"5 sec\" is not a duration like 5s, 500ms, 2m");
        assertEquals(5, e.errors().size());
        assertEquals(expected, f.errors());
        // One header line, then one line per error.
        assertEquals("5 configuration errors:\n" + String.join("\n", expected), e.getMessage());
    }

    @Test
    void centreWithErrors_isNotReportedAgainAsMissing_butAWrongDefaultStillIs(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("config/centres.yaml", "daily: \"08:00-20:00\"", "daily: \"08:00-2000\"")
                .replace("config/centres.yaml", "mon-fri: \"08:30-16:30\"", "mon-fri: \"08:30-1630\"")
                .replace("config/aiguilleur.yaml", "default-queue: grand-montreal-fr", "default-queue: quebec-regions-es");
        assertEquals(List.of(
                "centres.yaml: centres.grand-montreal.hours.daily: \"08:00-2000\" is not HH:MM-HH:MM",
                "centres.yaml: centres.quebec-regions.hours.mon-fri: \"08:30-1630\" is not HH:MM-HH:MM"), f.errors());
        f.replace("config/aiguilleur.yaml", "default-centre: grand-montreal", "default-centre: montreal");
        assertEquals(List.of(
                "centres.yaml: centres.grand-montreal.hours.daily: \"08:00-2000\" is not HH:MM-HH:MM",
                "centres.yaml: centres.quebec-regions.hours.mon-fri: \"08:30-1630\" is not HH:MM-HH:MM",
                "aiguilleur.yaml: default-centre: \"montreal\" is not a centre of centres.yaml"), f.errors());
    }

    @Test
    void oneError_isSingular(@TempDir Path tmp) {
        ConfigException e = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "timezone: America/Toronto", "timezone: Eastern").exception();
        assertEquals("1 configuration error:\naiguilleur.yaml: timezone: \"Eastern\" is not a time zone like America/Toronto",
                e.getMessage());
    }

    @Test
    void everyErrorMessage_isOneLine(@TempDir Path tmp) {
        // SnakeYAML's own message spans several lines with a source excerpt.
        ConfigException e = ConfigFixture.copyOfShipped(tmp)
                .replace("config/centres.yaml", "daily: \"08:00-20:00\"", "daily: \"08:00-20:00").exception();
        assertEquals(2, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void missingConfigFolder_isOneError(@TempDir Path tmp) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(tmp.resolve("nowhere")));
        assertEquals(List.of(new ConfigError("aiguilleur.yaml", "", "file not found")), e.errors());
        assertEquals("aiguilleur.yaml: file not found", e.errors().get(0).toString());
    }

    @Test
    void errorsAreReportedRelativeToTheFolder_notTheMachine(@TempDir Path tmp) {
        ConfigException e = ConfigFixture.copyOfShipped(tmp).delete("config/centres.yaml").exception();
        assertTrue(e.errors().stream().noneMatch(err -> err.toString().contains(tmp.toString())), e.getMessage());
    }
}
