package org.aiguilleur.twilio;

import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TwilioCaller;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No caller number reaches the logs, at any level of our code, on any path of the Twilio door. */
class TwilioPrivacyTest {

    @Test
    void callerNumbers_neverAppearInTheLogs() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.ALL);
        AtomicReference<java.time.Instant> now = new AtomicReference<>(local("2026-11-24T10:00"));
        try (TwilioServer a = new TwilioServer(Fixtures.shipped(), now);
             TwilioServer b = new TwilioServer(Fixtures.shipped(), now)) {
            TwilioCaller c = a.caller("CAP1", "+15145550100");
            c.dial();
            c.press("1");
            new TwilioCaller(b.client, "CAP1", "+15145550100").params();
            Map<String, String> p = c.params();
            p.put("Digits", "1");
            b.client.post(c.action("Gather"), p);
            c.hangUp();
            TwilioCaller d = a.caller("CAP2", "+14185230100");
            a.client.post("/twilio/voice", d.params(), "forged");
            Map<String, String> broken = d.params();
            broken.put("Digits", "1");
            a.client.post("/twilio/gather?s=bm9wZQ", broken);
            a.client.post("/twilio/fallback", d.params());
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        assertTrue(lines.size() >= 3, "logging was on: " + lines);
        for (String line : lines) {
            assertFalse(line.contains("5145550100") || line.contains("4185230100"), line);
        }
    }
}
