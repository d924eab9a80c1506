package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code asterisk} block: {@code asterisk-good-cases.yaml}, {@code asterisk-bad-cases.yaml} and values read. */
class AsteriskConfigTest {

    static Stream<ConfigCase> goodCases() throws IOException {
        return ConfigCase.read("asterisk-good-cases.yaml").stream();
    }

    static Stream<ConfigCase> badCases() throws IOException {
        return ConfigCase.read("asterisk-bad-cases.yaml").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodCases")
    void allowedAsteriskVariation_loads(ConfigCase c, @TempDir Path tmp) {
        assertNull(c.errors(), "a good case names no errors");
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp);
        String before = fixture.read(c.file());
        c.applyTo(fixture);
        assertNotEquals(before, fixture.read(c.file()), "the case changes its file");
        fixture.loadsCleanly();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badAsteriskBlock_isRejectedWithExactlyItsErrors(ConfigCase c, @TempDir Path tmp) {
        assertFalse(c.errors() == null || c.errors().isEmpty(), "the case names its errors");
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp);
        c.applyTo(fixture);
        assertEquals(c.errors().stream().sorted().toList(), fixture.errors().stream().sorted().toList());
    }

    @Test
    void shippedConfig_hasNoAmiAndTheDocumentedQueueSettings(@TempDir Path tmp) {
        AsteriskSettings a = ConfigFixture.copyOfShipped(tmp).loadsCleanly().settings().asterisk();
        assertEquals(Optional.empty(), a.ami());
        assertEquals(AsteriskSettings.Queues.DEFAULTS, a.queues());
    }

    @Test
    void noAsteriskBlock_takesTheDefaults(@TempDir Path tmp) {
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp);
        String main = fixture.read("config/aiguilleur.yaml");
        fixture.write("config/aiguilleur.yaml", main.substring(0, main.indexOf("\nasterisk:")) + "\n");
        assertEquals(AsteriskSettings.DEFAULTS, fixture.loadsCleanly().settings().asterisk());
    }

    @Test
    void amiAccount_isReadWithItsSecretFileBesideTheConfig(@TempDir Path tmp) {
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp).replace("config/aiguilleur.yaml",
                "  #   secret-file: /etc/aiguilleur/ami.secret\n",
                "  ami: { host: pbx.example.org, username: aiguilleur, secret-file: secrets/ami }\n");
        AsteriskSettings.Ami ami = fixture.loadsCleanly().settings().asterisk().ami().orElseThrow();
        assertEquals("pbx.example.org", ami.host());
        assertEquals(5038, ami.port());
        assertEquals("aiguilleur", ami.username());
        assertEquals(Optional.of(fixture.configDir().toAbsolutePath().normalize().resolve("secrets/ami")), ami.secretFile());
        assertTrue(ami.toString().equals("aiguilleur@pbx.example.org:5038"), ami.toString());
    }

    @Test
    void queueSettings_areRead(@TempDir Path tmp) {
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "    ring-timeout: 15s ", "    ring-timeout: 2m ")
                .replace("config/aiguilleur.yaml", "sound-languages: [en, fr, es]", "sound-languages: [fr, fr, ar]")
                .replace("config/aiguilleur.yaml", "    max-wait: 15m ", "    max-wait: 90s ");
        AsteriskSettings.Queues q = fixture.loadsCleanly().settings().asterisk().queues();
        assertEquals(Duration.ofMinutes(2), q.ringTimeout());
        assertEquals(Duration.ofSeconds(90), q.maxWait());
        assertEquals(List.of("fr", "ar"), q.soundLanguages());
    }
}
