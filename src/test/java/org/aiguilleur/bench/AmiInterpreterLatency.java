package org.aiguilleur.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.aiguilleur.ami.AmiInterpreters;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Action;
import org.aiguilleur.interpreter.BridgeDriver;
import org.aiguilleur.interpreter.BridgeEvent;
import org.aiguilleur.interpreter.BridgePrompts;
import org.aiguilleur.interpreter.DtmfTemplate;
import org.aiguilleur.interpreter.InterpreterBridge;
import org.aiguilleur.interpreter.InterpreterCall;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.interpreter.Secrets;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.testing.FakeAmi;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;

/**
 * Load driver: the time from the engine's interpreter decision to the interpreter joined in the
 * caller's ConfBridge, on Asterisk through AMI over loopback to the fake Asterisk Manager, which
 * answers every Originate at once. Calls run one after the other; for each, the driver plays
 * Asterisk's part as soon as the interpreter's channel exists (its ConfbridgeJoin), then the caller
 * leaves. Prints the percentiles of decision → Originate answered and decision → joined.
 * Run with {@code bench/interpreter-ami.sh [calls]}.
 */
public final class AmiInterpreterLatency {
    private static final String DIAL = "Local/+15145550199@aiguilleur-interpreter-dial";

    private AmiInterpreterLatency() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = Math.min(100, calls);
        Configuration cfg = ConfigLoader.load(Path.of("config"), Map.of());
        Provider primary = new Provider("primary", "Primary", "+15145550199",
                DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"), new Secrets(Map.of("account", "4455", "pin", "9876")),
                Map.of("pa", "110"), "0", Duration.ofSeconds(45), 1, true);
        BridgePrompts prompts = new BridgePrompts(cfg.prompts(), cfg.flow().promptFallback(), "fr-CA",
                LanguageCatalogue.standard());
        InterpreterBridge bridge = new InterpreterBridge(new Interpreters(List.of(primary)), prompts, Clock.systemUTC(),
                CallEvents.NONE);
        List<Long> answered = new ArrayList<>();
        List<Long> joined = new ArrayList<>();
        try (FakeAmi ami = FakeAmi.start("bench", "bench")) {
            ManagerConnection connection = new ManagerConnectionFactory(ami.host(), ami.port(), "bench", "bench")
                    .createManagerConnection();
            connection.login("call");
            try (AmiInterpreters interpreters = new AmiInterpreters(connection, p -> p.language() + "/" + p.id())) {
                for (int i = 0; i < warmup + calls; i++) {
                    String conference = "1764547200." + i;
                    InterpreterCall call = bridge.newCall(conference, new Action.BridgeInterpreter("grand-montreal-fr", "pa"));
                    long t0 = System.nanoTime();
                    BridgeDriver driver = interpreters.start(conference, "PJSIP/caller-" + i, call);
                    String channel = await(ami);
                    long t1 = System.nanoTime();
                    ami.confbridgeJoin(conference, channel, conference + "1");
                    while (driver.call().state() != InterpreterCall.State.INTERPRETED) {
                        Thread.onSpinWait();
                    }
                    long t2 = System.nanoTime();
                    driver.on(new BridgeEvent.CallerLeft());
                    while (!ami.channels().isEmpty()) {
                        Thread.sleep(1);
                    }
                    if (i >= warmup) {
                        answered.add(t1 - t0);
                        joined.add(t2 - t0);
                    }
                }
            } // closing the bridge logs its connection off
        }
        System.out.printf("%d calls after %d warm-up calls%n", calls, warmup);
        System.out.println("decision -> interpreter Originate answered: " + percentiles(answered));
        System.out.println("decision -> interpreter joined:             " + percentiles(joined));
        System.exit(0);
    }

    private static String await(FakeAmi ami) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            for (String c : ami.channels().keySet()) {
                if (c.startsWith(DIAL)) {
                    return c;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the interpreter's Originate never reached the fake");
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
