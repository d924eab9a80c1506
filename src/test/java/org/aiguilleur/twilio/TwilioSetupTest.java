package org.aiguilleur.twilio;

import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhooks start only with a public URL and an auth token, and say which is missing. */
class TwilioSetupTest {
    private static LiveConfig live(ConfigFixture f) throws Exception {
        return new LiveConfig(f.load(), Clock.fixed(local("2026-11-24T10:00"), Fixtures.QUEBEC), LiveStaffing.UNKNOWN);
    }

    @Test
    void tokenFromTheSecretsFile_isUsedWhenTheEnvironmentHasNone(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("twilio-auth-token");
        Files.writeString(secret, "from-the-file\n");
        ConfigFixture f = ConfigFixture.copyOfShipped(dir.resolve("copy"))
                .replace("config/aiguilleur.yaml", "/etc/aiguilleur/twilio-auth-token", secret.toString());
        TwilioWebhooks hooks = TwilioWebhooks.create(live(f), Map.of(), CallEvents.NONE, CallerQueue.NONE);
        String url = "https://aiguilleur.example.org/twilio/voice";
        Map<String, String> form = Map.of("CallSid", "CA1");
        assertTrue(hooks.signatures().valid("/twilio/voice", form,
                org.aiguilleur.testing.TwilioWebhookClient.sign("from-the-file", url, form)));
    }

    @Test
    void unreadableSecretsFile_isNamedWithoutItsContent(@TempDir Path dir) throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(dir);
        TwilioWebhooks.SetupException e = assertThrows(TwilioWebhooks.SetupException.class,
                () -> TwilioWebhooks.create(live(f), Map.of(), CallEvents.NONE, CallerQueue.NONE));
        assertEquals("cannot read twilio.auth-token-file /etc/aiguilleur/twilio-auth-token: NoSuchFileException",
                e.getMessage());
    }

    @Test
    void noPublicUrl_isRefused(@TempDir Path dir) throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(dir)
                .replace("config/aiguilleur.yaml", "  public-url: https://aiguilleur.example.org\n", "");
        TwilioWebhooks.SetupException e = assertThrows(TwilioWebhooks.SetupException.class,
                () -> TwilioWebhooks.create(live(f), Map.of(TwilioWebhooks.TOKEN_ENV, "t"), CallEvents.NONE,
                        CallerQueue.NONE));
        assertEquals("no public URL: set twilio.public-url or AIGUILLEUR_PUBLIC_URL", e.getMessage());
    }

    @Test
    void environmentUrl_overridesTheConfiguredOne(@TempDir Path dir) throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(dir);
        TwilioWebhooks hooks = TwilioWebhooks.create(live(f),
                Map.of(TwilioWebhooks.TOKEN_ENV, "t", TwilioWebhooks.URL_ENV, "https://proxy.example/"),
                CallEvents.NONE, CallerQueue.NONE);
        assertEquals("https://proxy.example/twilio/voice", hooks.signatures().publicUrl("/twilio/voice"));
        assertFalse(hooks.routes().isEmpty());
    }

    @Test
    void throwingSinks_neverBreakACall() throws Exception {
        org.aiguilleur.config.Configuration config = Fixtures.shipped();
        LiveConfig live = new LiveConfig(config, Clock.fixed(local("2026-11-24T10:00"), Fixtures.QUEBEC),
                LiveStaffing.UNKNOWN);
        CallerQueue broken = new CallerQueue() {
            @Override
            public void waiting(org.aiguilleur.agents.WaitingCaller caller) {
                throw new IllegalStateException("down");
            }

            @Override
            public void left(String callId) {
                throw new IllegalStateException("down");
            }
        };
        TwilioWebhooks hooks = TwilioWebhooks.create(live, Map.of(TwilioWebhooks.TOKEN_ENV, TwilioServer.TOKEN,
                TwilioWebhooks.URL_ENV, TwilioServer.PUBLIC), e -> {
                    throw new IllegalStateException("down");
                }, broken);
        org.aiguilleur.server.HttpFrontDoor door = new org.aiguilleur.server.HttpFrontDoor(
                new org.aiguilleur.config.Settings.Listener("127.0.0.1", 0), hooks.routes());
        door.start();
        try {
            org.aiguilleur.testing.TwilioCaller c = new org.aiguilleur.testing.TwilioCaller(
                    new org.aiguilleur.testing.TwilioWebhookClient(TwilioServer.PUBLIC,
                            java.net.URI.create("http://127.0.0.1:" + door.port()), TwilioServer.TOKEN), "CAX1", "+15145550100");
            c.dial();
            c.press("1");
            // Queued where the engine decided (not the fallback's default queue, which is the same here:
            // so check the announcement that only the engine's turn has).
            org.aiguilleur.testing.Twiml t = c.press("2");
            assertEquals("grand-montreal-fr", t.required("Enqueue").getTextContent());
            assertTrue(t.verbNames().contains("Say"), t.toString());
            assertEquals(200, c.hangUp().status());
        } finally {
            door.close();
        }
    }
}
