package org.aiguilleur.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * From the engine's interpreter decision to the interpreter joined in the caller's ConfBridge, on
 * Asterisk through AMI over loopback to the fake Asterisk Manager, which answers every Originate at
 * once: our overhead (bridge logic, Asterisk-Java, the AMI round trips), without a provider's ring.
 * One op: start the bridge, the fake answers the interpreter's Originate, its channel joins the
 * conference (ConfbridgeJoin), the bridge sees it joined; the caller's leaving is outside the op. Run with {@code bench/jmh.sh AmiInterpreterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AmiInterpreterBenchmark {
    private static final String DIAL = "Local/+15145550199@aiguilleur-interpreter-dial";
    private final AtomicLong calls = new AtomicLong();
    private FakeAmi ami;
    private ManagerConnection connection;
    private AmiInterpreters interpreters;
    private InterpreterBridge bridge;

    @Setup
    public void setUp() throws Exception {
        Configuration cfg = ConfigLoader.load(Path.of("config"), Map.of());
        Provider primary = new Provider("primary", "Primary", "+15145550199",
                DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"), new Secrets(Map.of("account", "4455", "pin", "9876")),
                Map.of("pa", "110"), "0", Duration.ofSeconds(45), 1, true);
        BridgePrompts prompts = new BridgePrompts(cfg.prompts(), cfg.flow().promptFallback(), "fr-CA",
                LanguageCatalogue.standard());
        bridge = new InterpreterBridge(new Interpreters(List.of(primary)), prompts, Clock.systemUTC(), CallEvents.NONE);
        ami = FakeAmi.start("bench", "bench");
        connection = new ManagerConnectionFactory(ami.host(), ami.port(), "bench", "bench").createManagerConnection();
        connection.login("call");
        interpreters = new AmiInterpreters(connection, p -> p.language() + "/" + p.id());
    }

    @TearDown
    public void tearDown() {
        interpreters.close();
        connection.logoff();
        ami.close();
    }

    private BridgeDriver last;

    @Benchmark
    public InterpreterCall.State decisionToInterpreterJoined() {
        String conference = "1764547200." + calls.incrementAndGet();
        String caller = "PJSIP/caller-" + conference;
        InterpreterCall call = bridge.newCall(conference, new Action.BridgeInterpreter("grand-montreal-fr", "pa"));
        BridgeDriver driver = interpreters.start(conference, caller, call);
        last = driver;
        // Asterisk runs the join context on the answered leg: the fake's ConfbridgeJoin stands for it.
        String channel = null;
        while (channel == null) {
            channel = ami.channels().keySet().stream().filter(c -> c.startsWith(DIAL)).findFirst().orElse(null);
            Thread.onSpinWait();
        }
        ami.confbridgeJoin(conference, channel, conference + "1");
        while (driver.call().state() != InterpreterCall.State.INTERPRETED) {
            Thread.onSpinWait();
        }
        return driver.call().state();
    }

    /** The caller leaves (not measured): every leg is hung up, so the next call starts from no channel. */
    @TearDown(Level.Invocation)
    public void callerLeaves() {
        if (last != null) {
            last.on(new BridgeEvent.CallerLeft());
            while (!ami.channels().isEmpty()) {
                Thread.onSpinWait();
            }
        }
    }
}
