package org.aiguilleur.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.core.NoCredentialsProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.testing.FakeTranslate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The v3 TranslationServiceClient (HTTP/JSON) against the local fake's v3 surface. */
class GoogleV3TranslatorTest {
    final FakeTranslate fake = new FakeTranslate("unused");

    @AfterEach
    void stop() {
        fake.close();
    }

    GoogleV3Translator client(Duration timeout) throws Exception {
        return new GoogleV3Translator("p-1", "global", Optional.of(fake.endpoint()), NoCredentialsProvider.create(),
                timeout);
    }

    @Test
    void translates_inOneRequest_toTheProjectsLocation() throws Exception {
        try (GoogleV3Translator t = client(Duration.ofSeconds(10))) {
            assertEquals(List.of("[vi] A", "[vi] B"), t.translate(List.of("a", "b"), "fr", "vi"));
        }
        assertEquals(1, fake.requests());
        assertEquals("p-1", fake.received().get(0).project());
    }

    @Test
    void quota_isResourceExhausted() throws Exception {
        fake.failWith(429);
        try (GoogleV3Translator t = client(Duration.ofSeconds(10))) {
            TranslationException e = assertThrows(TranslationException.class, () -> t.translate(List.of("a"), "fr", "vi"));
            assertTrue(e.quota(), e.getMessage());
        }
    }

    @Test
    void unanswered_request_endsAtItsTimeout_notTheClientsDefault() throws Exception {
        fake.hold();
        try (GoogleV3Translator t = client(Duration.ofSeconds(1))) {
            TranslationException e = assertThrows(TranslationException.class, () -> t.translate(List.of("a"), "fr", "vi"));
            assertTrue(e.getMessage().contains("DEADLINE_EXCEEDED"), e.getMessage());
        } finally {
            fake.release();
        }
    }
}
