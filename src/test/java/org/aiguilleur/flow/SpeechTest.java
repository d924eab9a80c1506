package org.aiguilleur.flow;

import static org.aiguilleur.testing.Fixtures.call;
import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Callers who speak instead of pressing keys (Twilio's speech recognition). */
class SpeechTest {
    static final Instant OPEN = local("2026-11-24T10:00");

    @Test
    void sayingTheLanguage_choosesIt() {
        CallResult r = call("+15145550100", OPEN, "speech:Español por favor", "1").result();
        assertEquals(Optional.of("es"), r.language());
    }

    @Test
    void accentsAndCaseDoNotMatter() {
        CallResult r = call("+15145550100", OPEN, "speech:FRANCAIS", "1").result();
        assertEquals(Optional.of("fr-CA"), r.language());
    }

    @Test
    void anyLanguageCanBeNamedInTheSecondMenu() {
        CallResult r = call("+15145550100", OPEN, "9", "speech:I speak Tagalog", "1").result();
        assertEquals(Optional.of("tl"), r.language());
        assertEquals(Optional.of("tl"), r.interpreterLanguage());
    }

    @Test
    void aLanguageNamedInItself_isRecognised() {
        CallResult r = call("+15145550100", OPEN, "9", "speech:русский", "1").result();
        assertEquals(Optional.of("ru"), r.language());
    }

    @Test
    void operatorAliases_winOverGeneratedNames() {
        CallResult r = call("+15145550100", OPEN, "9", "speech:kreyòl", "1").result();
        assertEquals(Optional.of("ht"), r.language());
    }

    @Test
    void spokenPostalCode_findsTheRegion() {
        CallResult r = call("anonymous", OPEN, "2", "speech:my postal code is G5L 2Z3", "1").result();
        assertEquals(Optional.of("bas-saint-laurent"), r.region());
        assertEquals(Optional.of("postal-code"), r.regionSource());
    }

    @Test
    void spokenNeed_choosesIt() {
        CallResult r = call("+15145550100", OPEN, "2", "speech:I need help with my rent").result();
        assertEquals(Optional.of("housing"), r.need());
    }

    @Test
    void unrecognisedSpeech_countsAsAFailedAttempt() {
        CallResult r = call("+15145550100", OPEN, "speech:blah blah", "speech:hmm").result();
        assertEquals(Optional.of("fr-CA"), r.language());
        assertEquals("language=default", r.path().get(2));
    }

    @Test
    void speechAtTheRegionChoice_namesTheRegion() {
        CallResult r = call("anonymous", OPEN, "1", "412", "speech:Montréal", "1").result();
        assertEquals(Optional.of("montreal"), r.region());
    }
}
