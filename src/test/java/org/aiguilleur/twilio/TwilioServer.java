package org.aiguilleur.twilio;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.HttpFrontDoor;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.RecordingCallEvents;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;

/** A real HTTP door with the Twilio webhooks on a loopback port, a settable clock, and what it reported. */
final class TwilioServer implements AutoCloseable {
    static final String TOKEN = "test-auth-token-0123456789abcdef";
    static final String PUBLIC = "https://public.example";

    final AtomicReference<Instant> now;
    final RecordingCallEvents reported = new RecordingCallEvents();
    final HttpFrontDoor door;
    final TwilioWebhooks hooks;
    final TwilioWebhookClient client;

    TwilioServer(Instant at) throws Exception {
        this(Fixtures.shipped(), new AtomicReference<>(at));
    }

    /** A server on {@code config} whose clock reads {@code now} (shared with other instances in a test). */
    TwilioServer(Configuration config, AtomicReference<Instant> now) throws Exception {
        this(config, now, null);
    }

    /** The same, with agent matching's caller queue {@code queue} (null: what it reported is kept). */
    TwilioServer(Configuration config, AtomicReference<Instant> now, org.aiguilleur.agents.CallerQueue queue)
            throws Exception {
        this.now = now;
        InstantSource clock = now::get;
        LiveConfig live = new LiveConfig(config, clock, LiveStaffing.UNKNOWN);
        hooks = TwilioWebhooks.create(live,
                Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN, TwilioWebhooks.URL_ENV, PUBLIC), reported,
                queue == null ? reported : queue);
        door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", 0), hooks.routes());
        door.start();
        client = new TwilioWebhookClient(PUBLIC, local(), TOKEN);
    }

    URI local() {
        return URI.create("http://127.0.0.1:" + door.port());
    }

    TwilioCaller caller(String callSid, String from) {
        return new TwilioCaller(client, callSid, from);
    }

    @Override
    public void close() throws Exception {
        door.close();
    }
}
