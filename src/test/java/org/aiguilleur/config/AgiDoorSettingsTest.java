package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.agi}: the Asterisk door's limits and file locations, checked with every other error. */
class AgiDoorSettingsTest {

    @Test
    void shipped_hasTheDefaults() throws Exception {
        Settings.AgiDoor a = ConfigLoader.load(ConfigFixture.SHIPPED).settings().agiDoor();
        assertEquals(10_000, a.maxCalls());
        assertEquals(ConfigFixture.PROJECT.resolve("sounds"), a.sounds());
        assertEquals(Optional.empty(), a.soundPrefix());
        assertEquals(ConfigFixture.PROJECT.resolve("sounds").toString(), a.streamPrefix());
        assertEquals("/var/spool/asterisk/aiguilleur", a.recordings());
    }

    @Test
    void soundPrefix_isWhatAsteriskStreamsFrom(@TempDir Path tmp) throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "    # sound-prefix: /var/lib/asterisk/sounds/aiguilleur",
                        "    sound-prefix: /var/lib/asterisk/sounds/aiguilleur/");
        assertEquals("/var/lib/asterisk/sounds/aiguilleur",
                ConfigLoader.load(f.configDir()).settings().agiDoor().streamPrefix());
    }

    @Test
    void badValues_areAllReported(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "max-calls: 10000", "max-calls: 0")
                .replace("config/aiguilleur.yaml", "recordings: /var/spool/asterisk/aiguilleur", "recordings: messages")
                .replace("config/aiguilleur.yaml", "    # sound-prefix: /var/lib/asterisk/sounds/aiguilleur",
                        "    sound-prefix: \"my sounds\"\n    beep: yes");
        List<String> errors = f.errors();
        assertEquals(4, errors.size(), String.join("\n", errors));
        assertEquals(List.of("max-calls", "recordings", "sound-prefix", "beep"),
                errors.stream().map(e -> e.replaceAll(".*server\\.agi\\.([a-z-]+).*", "$1")).sorted((a, b) ->
                        List.of("max-calls", "recordings", "sound-prefix", "beep").indexOf(a)
                                - List.of("max-calls", "recordings", "sound-prefix", "beep").indexOf(b)).toList(),
                String.join("\n", errors));
    }
}
