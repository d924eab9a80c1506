package org.aiguilleur.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.interpreter.DtmfTemplate;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.interpreter.Secrets;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.HttpFrontDoor;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeTwilioRest;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.twilio.TwilioWebhooks;
import org.w3c.dom.Element;

/**
 * Load driver: the time from the engine's interpreter decision (the caller's signed webhook that
 * answers with the conference) to the interpreter joined (the conference's signed participant-join
 * for the interpreter's leg answered by our server), through the real Jetty door, the Twilio SDK
 * and {@link FakeTwilioRest}, whose phones answer at once. Calls one after the other.
 * Run with {@code bench/interpreter-twilio.sh [calls]}.
 */
public final class TwilioInterpreterLatency {
    private static final String PUBLIC = "https://public.example";
    private static final String NUMBER = "+15145550199";

    private TwilioInterpreterLatency() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = Math.min(100, calls);
        Configuration base = ConfigLoader.load(Path.of("config"), Map.of());
        Provider primary = new Provider("primary", "Primary", NUMBER,
                DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"), new Secrets(Map.of("account", "4455", "pin", "9876")),
                Map.of("zh", "103"), "0", Duration.ofSeconds(45), 1, true);
        Configuration cfg = new Configuration(base.dir(), base.settings(), base.regions(), base.centres(),
                base.calendars(), base.flow(), base.prompts(), base.agents(), new Interpreters(List.of(primary)));
        // A Tuesday at 10:00 in Québec: the centres are open.
        Clock clock = Clock.fixed(ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneId.of("America/Toronto")).toInstant(),
                ZoneId.of("America/Toronto"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Long> joined = new ArrayList<>();
        try (FakeTwilioRest twilio = new FakeTwilioRest(PUBLIC, "http://127.0.0.1:" + port)) {
            twilio.ringFor(Duration.ZERO);
            LiveConfig live = new LiveConfig(cfg, clock, LiveStaffing.UNKNOWN);
            TwilioWebhooks hooks = TwilioWebhooks.create(live, new TwilioWebhooks.Credentials(PUBLIC, FakeTwilioRest.AUTH_TOKEN),
                    CallEvents.NONE, CallerQueue.NONE,
                    new TwilioWebhooks.Interpreting(twilio.restClient(), q -> Optional.of("+15145550183")));
            HttpFrontDoor door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", port), hooks.routes());
            door.start();
            TwilioWebhookClient client = new TwilioWebhookClient(PUBLIC, URI.create("http://127.0.0.1:" + port),
                    FakeTwilioRest.AUTH_TOKEN);
            try {
                for (int i = 0; i < warmup + calls; i++) {
                    String sid = String.format("CA%032x", i);
                    TwilioCaller c = new TwilioCaller(client, sid, "+15145550100");
                    c.dial();
                    c.press("9");
                    c.press("1");
                    int seen = twilio.webhooks().size();
                    long t0 = System.nanoTime();
                    Element conf = c.press("1").required("Conference");
                    twilio.joinConference(sid, conf);
                    String leg = awaitLeg(twilio);
                    awaitJoin(twilio, seen, leg);
                    long t1 = System.nanoTime();
                    twilio.hangsUp(sid);
                    c.hangUp();
                    if (i >= warmup) {
                        joined.add(t1 - t0);
                    }
                }
            } finally {
                door.close();
                hooks.close();
            }
        }
        System.out.printf("%d calls after %d warm-up calls%n", calls, warmup);
        System.out.println("decision -> interpreter joined: " + percentiles(joined));
        System.exit(0);
    }

    private static String awaitLeg(FakeTwilioRest twilio) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            List<FakeTwilioRest.Placed> p = twilio.placed();
            for (int i = p.size() - 1; i >= 0; i--) {
                if (p.get(i).to().equals(NUMBER) && !seenLegs.contains(p.get(i).sid())) {
                    seenLegs.add(p.get(i).sid());
                    return p.get(i).sid();
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the interpreter's leg was never placed");
    }

    private static final java.util.Set<String> seenLegs = new java.util.HashSet<>();

    private static void awaitJoin(FakeTwilioRest twilio, int from, String leg) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            List<FakeTwilioRest.Exchange> w = twilio.webhooks();
            for (int i = from; i < w.size(); i++) {
                if (leg.equals(w.get(i).params().get("CallSid"))
                        && "participant-join".equals(w.get(i).params().get("StatusCallbackEvent"))) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the interpreter never joined");
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", ms(s, 0.50), ms(s, 0.90), ms(s, 0.99),
                s.get(s.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
    }
}
