package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code records:} block as read: paths resolved against the configuration folder, defaults filled in. */
class RecordsConfigTest {

    @Test
    void shippedBlock_keepsRecordsUnderData_besideTheConfiguration(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp);
        RecordsSettings r = f.loadsCleanly().settings().records();
        Path data = tmp.toAbsolutePath().resolve("data");
        assertEquals("jdbc:h2:file:" + data.resolve("records"), r.url());
        assertTrue(r.embedded());
        assertEquals(data.resolve("records-journal.jsonl"), r.journal());
        assertEquals(data.resolve("caller-hash.secret"), r.hashSecretFile());
        assertEquals(730, r.retentionDays());
        assertEquals(Duration.ofSeconds(60), r.serviceLevel());
        assertEquals(Set.of(), r.managers());
        assertEquals(RecordsSettings.DEFAULT_PASSWORD_ENV, r.passwordEnv());
    }

    @Test
    void postgresBlock_isTakenAsWritten_andItsPasswordNeverShown(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp).replace("config/aiguilleur.yaml", "  file: ../data/records",
                "  url: jdbc:postgresql://127.0.0.1:5432/aiguilleur?password=hunter2\n  user: aiguilleur\n"
                        + "  password-env: DB_PASS")
                .replace("config/aiguilleur.yaml", "  managers: []", "  managers: [amelie-roy]")
                .replace("config/aiguilleur.yaml", "  service-level: 60s", "  service-level: 20s");
        RecordsSettings r = f.loadsCleanly().settings().records();
        assertEquals("jdbc:postgresql://127.0.0.1:5432/aiguilleur?password=hunter2", r.url());
        assertFalse(r.embedded());
        assertEquals("aiguilleur", r.user());
        assertEquals("DB_PASS", r.passwordEnv());
        assertEquals(Optional.empty(), r.passwordFile());
        assertEquals(Set.of("amelie-roy"), r.managers());
        assertEquals(Duration.ofSeconds(20), r.serviceLevel());
        assertFalse(r.toString().contains("hunter2"), r.toString());
    }
}
