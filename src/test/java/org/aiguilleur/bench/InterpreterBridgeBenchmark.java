package org.aiguilleur.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Action;
import org.aiguilleur.interpreter.BridgeCommand;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter bridge's own logic per interpreted call, from the engine's decision to the
 * interpreter joined and the call's end: the share of Aiguilleur in the connect time, apart from
 * the network and the provider. Run with {@code bench/jmh.sh InterpreterBridgeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterpreterBridgeBenchmark {
    private static final Action.BridgeInterpreter DECISION = new Action.BridgeInterpreter("grand-montreal-fr", "pa");
    private InterpreterBridge bridge;

    @Setup
    public void setUp() throws Exception {
        Configuration cfg = ConfigLoader.load(Path.of("config"), Map.of());
        Provider primary = new Provider("primary", "Primary", "+15145550199",
                DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"), new Secrets(Map.of("account", "4455", "pin", "9876")),
                Map.of("pa", "110"), "0", Duration.ofSeconds(45), 2, true);
        Provider backup = new Provider("backup", "Backup", "+18195550142", DtmfTemplate.parse("W{pin}#W{language}"),
                new Secrets(Map.of("pin", "1234")), Map.of("pa", "18"), "99", Duration.ofSeconds(60), 1, true);
        BridgePrompts prompts = new BridgePrompts(cfg.prompts(), cfg.flow().promptFallback(), "fr-CA",
                LanguageCatalogue.standard());
        bridge = new InterpreterBridge(new Interpreters(List.of(primary, backup)), prompts,
                Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneId.of("America/Toronto")), CallEvents.NONE);
    }

    /** Decision, dial, agent, waiting message; the first try joins; the caller leaves. */
    @Benchmark
    public List<BridgeCommand> firstTryJoins() {
        InterpreterCall call = bridge.newCall("bench", DECISION);
        call.start();
        call.on(new BridgeEvent.LegAnswered(1));
        return call.on(new BridgeEvent.CallerLeft());
    }

    /** Two timeouts at the primary, the backup joins, the agent ends the call. */
    @Benchmark
    public List<BridgeCommand> backupAfterTwoTimeouts() {
        InterpreterCall call = bridge.newCall("bench", DECISION);
        call.start();
        call.on(new BridgeEvent.TimerFired(1));
        call.on(new BridgeEvent.TimerFired(2));
        call.on(new BridgeEvent.LegAnswered(3));
        return call.on(new BridgeEvent.AgentLeft());
    }
}
