package org.aiguilleur.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerHashTest {
    static final CallerHash HASH = new CallerHash("sixteen bytes or more".getBytes(StandardCharsets.UTF_8));

    @Test
    void sameNumberWrittenDifferently_hashesTheSame() {
        String h = HASH.hash("+15145550100");
        assertEquals(64, h.length());
        for (String same : new String[] {"5145550100", "15145550100", "+1 (514) 555-0100", " 514.555.0100 "}) {
            assertEquals(h, HASH.hash(same), same);
        }
        assertNotEquals(h, HASH.hash("5145550101"));
        assertTrue(!h.contains("5145550100"));
    }

    @Test
    void withheldNumbers_haveNoHash() {
        for (String none : new String[] {"", "anonymous", "Restricted", "unknown", null}) {
            assertNull(HASH.hash(none), String.valueOf(none));
        }
    }

    @Test
    void anotherSecret_givesAnotherHash_andShortSecretsAreRefused() {
        assertNotEquals(HASH.hash("5145550100"),
                new CallerHash("another secret, long enough".getBytes(StandardCharsets.UTF_8)).hash("5145550100"));
        assertThrows(IllegalArgumentException.class, () -> new CallerHash(new byte[8]));
    }

    @Test
    void secretComesFromTheEnvironment_elseAFileCreatedOnFirstStart(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("data/caller-hash.secret");
        CallerHash first = CallerHash.load(Map.of(), "SECRET", file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first.hash("5145550100"), CallerHash.load(Map.of(), "SECRET", file).hash("5145550100"),
                "the same secret on the next start");
        CallerHash fromEnv = CallerHash.load(Map.of("SECRET", "sixteen bytes or more"), "SECRET", file);
        assertEquals(HASH.hash("5145550100"), fromEnv.hash("5145550100"));
    }
}
