package org.aiguilleur.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.config.TwilioSettings;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.testing.Twiml;
import org.aiguilleur.twilio.signature.TwilioSignatures;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The voice table's fallbacks and the TwiML of each action, as Twilio will read it. */
class TwimlWriterTest {
    private static final TwilioSettings.Voice FRENCH = new TwilioSettings.Voice(Optional.of("Google.fr-CA-Neural2-A"),
            Optional.of("fr-CA"), Optional.of("fr-CA"), Optional.empty());
    private static final TwilioSettings.Voice SPANISH = new TwilioSettings.Voice(Optional.of("Polly.Lupe-Neural"),
            Optional.of("es-US"), Optional.empty(), Optional.empty());
    private static final TwilioSettings.Voice PERSIAN = new TwilioSettings.Voice(Optional.empty(), Optional.empty(),
            Optional.of("fa-IR"), Optional.of("https://media.example.org/fa/{id}.mp3"));
    private static final TwilioSettings SETTINGS = new TwilioSettings(Optional.empty(), Optional.empty(),
            Map.of("fr-CA", FRENCH, "es", SPANISH, "fa", PERSIAN), FRENCH, Optional.empty(), Duration.ofSeconds(30),
            Duration.ofMinutes(15), Duration.ofSeconds(25), 16384, 1000, Map.of());
    private final TwimlWriter writer = new TwimlWriter(new TwilioSignatures("https://ivr.example.org/", "token"),
            new Voices(SETTINGS), SETTINGS.transferTimeout());

    private Twiml render(Action... turn) {
        return Twiml.parse(new String(writer.turn(List.of(turn), "TOKEN"), StandardCharsets.UTF_8));
    }

    @Test
    void languageWithoutItsOwnEntry_usesItsPrimaryLanguageThenTheDefault() {
        Twiml t = render(new Action.Play(List.of(new Prompt("a", "es-MX", "Hola"), new Prompt("b", "vi", "Xin chào"))));
        assertEquals("Polly.Lupe-Neural", t.says().get(0).getAttribute("voice"));
        assertEquals("es-US", t.says().get(0).getAttribute("language"));
        assertEquals("Google.fr-CA-Neural2-A", t.says().get(1).getAttribute("voice"));
    }

    @Test
    void languageTwilioCannotSpeak_playsItsRecording() {
        Twiml t = render(new Action.Play(List.of(new Prompt("language-option", "fa", "..."))));
        assertEquals(List.of("Play"), t.verbNames());
        assertEquals("https://media.example.org/fa/language-option.mp3", t.required("Play").getTextContent());
    }

    @Test
    void speechMenu_inALanguageWithoutARecogniser_takesKeysOnly() {
        Twiml t = render(new Action.Collect("need", List.of(new Prompt("need-menu", "es", "¿Qué necesita?")), 1,
                "0123456789", Duration.ofMillis(5500), true, "es", List.of("vivienda")));
        Element g = t.required("Gather");
        assertEquals("dtmf", g.getAttribute("input"));
        assertEquals("6", g.getAttribute("timeout"));
        assertFalse(g.hasAttribute("hints"));
        assertEquals("https://ivr.example.org/twilio/gather?s=TOKEN", g.getAttribute("action"));
    }

    @Test
    void freeEntryWithTheHashKey_doesNotEndOnHash() {
        Twiml t = render(new Action.Collect("postal-code", List.of(), 3, "0123456789*#", Duration.ofSeconds(8), true,
                "fr-CA", List.of()));
        Element g = t.required("Gather");
        assertEquals("", g.getAttribute("finishOnKey"));
        assertEquals("dtmf speech", g.getAttribute("input"));
        assertEquals("fr-CA", g.getAttribute("language"));
        assertEquals("3", g.getAttribute("numDigits"));
    }

    @Test
    void transfer_dialsWithTheConfiguredTimeout() {
        Twiml t = render(new Action.Transfer("+18005550811", "info-sante"));
        assertEquals("25", t.required("Dial").getAttribute("timeout"));
        assertEquals("https://ivr.example.org/twilio/dial?s=TOKEN", t.required("Dial").getAttribute("action"));
    }

    @Test
    void sameTurnForTwoCalls_carriesEachCallsToken() {
        Action.Play hello = new Action.Play(List.of(new Prompt("w", "fr-CA", "Bonjour")));
        Action.Collect menu = new Action.Collect("language", List.of(), 1, "12", Duration.ofSeconds(5), false, "fr-CA",
                List.of());
        String one = new String(writer.turn(List.of(hello, menu), "AAA"), StandardCharsets.UTF_8);
        String two = new String(writer.turn(List.of(hello, menu), "BBB"), StandardCharsets.UTF_8);
        assertTrue(one.contains("s=AAA") && !one.contains("BBB"), one);
        assertTrue(two.contains("s=BBB") && !two.contains("AAA"), two);
    }

    @Test
    void emptyTurn_hangsUp() {
        assertEquals(List.of("Hangup"), render().verbNames());
    }
}
