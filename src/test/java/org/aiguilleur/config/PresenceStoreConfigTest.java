package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twilio.presence-store}: memory by default, database only on a records database other instances reach. */
class PresenceStoreConfigTest {

    @Test
    void shippedConfiguration_keepsStateInMemory(@TempDir Path tmp) {
        Configuration c = ConfigFixture.copyOfShipped(tmp).loadsCleanly();
        assertEquals(TwilioSettings.StateStore.MEMORY, c.settings().twilio().stateStore());
    }

    @Test
    void database_onPostgresRecords_isTaken(@TempDir Path tmp) {
        Configuration c = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "  presence-store: memory", "  presence-store: database")
                .replace("config/aiguilleur.yaml", "  file: ../data/records", "  url: jdbc:postgresql://127.0.0.1:5432/aiguilleur")
                .loadsCleanly();
        assertEquals(TwilioSettings.StateStore.DATABASE, c.settings().twilio().stateStore());
    }

    @Test
    void database_onEmbeddedH2Records_isRefusedWithItsPath(@TempDir Path tmp) {
        List<String> errors = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "  presence-store: memory", "  presence-store: database")
                .errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(true, errors.get(0).contains("twilio.presence-store") && errors.get(0).contains("embedded H2 file"),
                errors.get(0));
    }

    @Test
    void unknownWord_isRefusedWithItsValue(@TempDir Path tmp) {
        List<String> errors = ConfigFixture.copyOfShipped(tmp)
                .replace("config/aiguilleur.yaml", "  presence-store: memory", "  presence-store: redis")
                .errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(true, errors.get(0).contains("twilio.presence-store") && errors.get(0).contains("\"redis\" is not memory or database"),
                errors.get(0));
    }
}
