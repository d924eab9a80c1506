package org.aiguilleur.agi;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.aiguilleur.testing.FakeAsterisk.Env;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No caller number reaches the logs, at any level, on any path of the Asterisk door. */
class AgiPrivacyTest {

    @Test
    void callerNumbers_neverAppearInTheLogs() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        Logger asteriskJava = (Logger) LoggerFactory.getLogger("org.asteriskjava");
        Level ajBefore = asteriskJava.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.ALL);
        asteriskJava.setLevel(Level.ALL);
        try (RunningDoor door = RunningDoor.at(AgiJourneyTest.OPEN)) {
            door.asterisk().call(Env.standard().callerId("+15145550100"), caller().press("1").press("1"));
            door.asterisk().call(Env.standard().callerId("4185230100"), caller().hangUp());
            door.asterisk().soundExists(p -> false).call(Env.standard().callerId("15145550100"), caller());
            door.asterisk().reject("STREAM FILE", false).call(Env.standard().callerId("5145550100"), caller());
            door.asterisk().call(Env.standard().callerId("+15145550100").script("212"), caller());
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
            asteriskJava.setLevel(ajBefore);
        }
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        assertTrue(lines.size() > 10, "debug logging was on: " + lines.size() + " lines");
        for (String line : lines) {
            assertFalse(line.contains("5145550100") || line.contains("4185230100"), line);
        }
    }
}
