package org.aiguilleur.agents;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.testing.FakeTwilioRest;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TestClock;
import org.junit.jupiter.api.Test;

/**
 * Whether agent delivery's caller queue returns at once, which lets the Twilio door answer on Jetty's
 * I/O thread: only with a store in memory and deliveries queued on the desk's own threads.
 */
class CallerQueueImmediateTest {
    private final TestClock clock = new TestClock(Fixtures.local("2026-11-24T10:00"));

    private AgentDesk.Builder desk(FakeTwilioRest twilio) {
        return AgentDesk.builder(Fixtures.shipped(), twilio.restClient(), clock)
                .publicBaseUrl("https://211.example.org")
                .authToken(FakeTwilioRest.AUTH_TOKEN)
                .environment(Map.of(AgentTokens.ENV_TOKENS, "kevin-obrien " + AgentTokens.hashOf("k-token-0123456789")));
    }

    @Test
    void inMemoryStore_withTheDesksOwnThreads_returnsAtOnce() throws Exception {
        try (FakeTwilioRest twilio = new FakeTwilioRest("https://211.example.org", "http://127.0.0.1:9");
             AgentDesk d = desk(twilio).build()) {
            assertTrue(d.callerQueue().immediate());
        }
    }

    @Test
    void deliveriesOnTheCallersThread_orAStoreThatMayWait_doNot() throws Exception {
        try (FakeTwilioRest twilio = new FakeTwilioRest("https://211.example.org", "http://127.0.0.1:9")) {
            try (AgentDesk d = desk(twilio).executor(Runnable::run).build()) {
                assertFalse(d.callerQueue().immediate(), "a REST delivery would run inside the webhook");
            }
            // A store that keeps the interface's default (as one on a database would).
            org.aiguilleur.agents.presence.PresenceStore mayWait =
                    org.mockito.Mockito.mock(org.aiguilleur.agents.presence.PresenceStore.class);
            try (AgentDesk d = desk(twilio).store(mayWait).build()) {
                assertFalse(d.callerQueue().immediate(), "a store that does not say it is in memory");
            }
        }
    }
}
