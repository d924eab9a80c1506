package org.aiguilleur.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.aiguilleur.testing.FakeTranslate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The v2 (API key) client against the local fake's v2 surface. */
class GoogleV2TranslatorTest {
    final FakeTranslate fake = new FakeTranslate("right-key");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void translates_withTheKeyInAHeader_inHtmlFormat() throws Exception {
        GoogleV2Translator t = new GoogleV2Translator(fake.endpoint(), "right-key", Duration.ofSeconds(5));
        assertEquals(List.of("[es] HOLA <span translate=\"no\">211</span>"),
                t.translate(List.of("hola <span translate=\"no\">211</span>"), "fr", "es"));
        FakeTranslate.Received r = fake.received().get(0);
        assertEquals(List.of("v2", "fr", "es", "html"), List.of(r.surface(), r.from(), r.to(), r.format()));
    }

    @Test
    void wrongKey_failsWithoutQuota() {
        GoogleV2Translator t = new GoogleV2Translator(fake.endpoint(), "wrong-key", Duration.ofSeconds(5));
        TranslationException e = assertThrows(TranslationException.class, () -> t.translate(List.of("x"), "fr", "es"));
        assertFalse(e.quota());
        assertTrue(e.getMessage().contains("keyInvalid"), e.getMessage());
    }

    @Test
    void rateLimit_isAQuotaFailure() {
        fake.failWith(403);
        GoogleV2Translator t = new GoogleV2Translator(fake.endpoint(), "right-key", Duration.ofSeconds(5));
        assertTrue(assertThrows(TranslationException.class, () -> t.translate(List.of("x"), "fr", "es")).quota());
    }

    @Test
    void slowAnswer_timesOut() {
        fake.hold();
        GoogleV2Translator t = new GoogleV2Translator(fake.endpoint(), "right-key", Duration.ofSeconds(1));
        TranslationException e = assertThrows(TranslationException.class, () -> t.translate(List.of("x"), "fr", "es"));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }
}
