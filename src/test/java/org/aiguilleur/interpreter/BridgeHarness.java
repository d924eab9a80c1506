package org.aiguilleur.interpreter;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiguilleur.flow.Action;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.testing.Fixtures;

/** Providers, a clock the test moves, and the records an interpreted call emits. */
final class BridgeHarness {
    /** Primary: offers pa, es and ht; tried twice, 45 s each. */
    static final Provider PRIMARY = new Provider("primary", "Primary", "+15145550199",
            DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"),
            new Secrets(Map.of("account", "4455", "pin", "9876")),
            Map.of("pa", "110", "es", "102", "ht", "105"), "0", Duration.ofSeconds(45), 2, true);
    /** Backup: offers pa and atj; tried once, 60 s. */
    static final Provider BACKUP = new Provider("backup", "Backup", "+18195550142",
            DtmfTemplate.parse("W{pin}#W{language}"), new Secrets(Map.of("pin", "1234")),
            Map.of("pa", "18", "atj", "41"), "99", Duration.ofSeconds(60), 1, true);

    final List<CallEvent.InterpreterAttempt> records = new ArrayList<>();
    private Instant now = Fixtures.local("2026-11-24T10:00");
    final InstantSource clock = () -> now;
    final CallEvents events = e -> records.add((CallEvent.InterpreterAttempt) e);

    void advance(Duration d) {
        now = now.plus(d);
    }

    Instant now() {
        return now;
    }

    InterpreterBridge bridge(Provider... providers) {
        BridgePrompts prompts = new BridgePrompts(Fixtures.shipped().prompts(), List.of("en-CA", "fr-CA"), "fr-CA",
                LanguageCatalogue.standard());
        return new InterpreterBridge(new Interpreters(List.of(providers)), prompts, clock, events);
    }

    InterpreterCall call(String language, Provider... providers) {
        return bridge(providers).newCall("CA0001", new Action.BridgeInterpreter("grand-montreal-fr", language));
    }
}
