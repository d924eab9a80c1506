package org.aiguilleur.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.aiguilleur.config.ConfigError;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Action;
import org.aiguilleur.interpreter.BridgeDriver;
import org.aiguilleur.interpreter.BridgePrompts;
import org.aiguilleur.interpreter.InterpreterBridge;
import org.aiguilleur.interpreter.InterpreterCall;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeAmi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asterisk.ami} follows configuration reloads, against two fake managers and Asterisk-Java's own client. */
class LiveAmiTest {
    private static final AmiStaffing.Timings FAST = new AmiStaffing.Timings(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    private static final String QUEUE = "grand-montreal-fr";
    private static final String COMMENTED = """
              # ami:
              #   host: 127.0.0.1
              #   port: 5038
              #   username: aiguilleur
              #   secret-file: /etc/aiguilleur/ami.secret
            """;

    @TempDir
    Path tmp;
    private final FakeAmi first = FakeAmi.start("aiguilleur", "first-secret");
    private final FakeAmi second = FakeAmi.start("aiguilleur", "second-secret");
    private ConfigFixture files;
    private String shipped;
    private LiveConfig live;
    private LiveAmi ami;

    @BeforeEach
    void start() throws Exception {
        first.queues(QUEUE).addMember(QUEUE, "PJSIP/agent-fr1");
        second.queues(QUEUE);
        Files.writeString(tmp.resolve("first.secret"), "first-secret\n");
        Files.writeString(tmp.resolve("second.secret"), "second-secret\n");
        files = ConfigFixture.copyOfShipped(tmp.resolve("cfg"));
        shipped = files.read("config/aiguilleur.yaml");
        assertTrue(shipped.contains(COMMENTED), "the shipped aiguilleur.yaml has its commented ami block");
    }

    @AfterEach
    void stop() {
        if (ami != null) {
            ami.close();
        }
        first.close();
        second.close();
    }

    private void amiBlock(String block) {
        files.write("config/aiguilleur.yaml", shipped.replace(COMMENTED, block));
    }

    private String pointingAt(FakeAmi manager, String secretFile) {
        return "  ami:\n    host: 127.0.0.1\n    port: " + manager.port() + "\n    username: aiguilleur\n"
                + "    secret-file: " + tmp.resolve(secretFile) + "\n";
    }

    private void serve() throws Exception {
        Configuration cfg = files.load();
        ami = LiveAmi.start(cfg.settings(), cfg.queues(), Map.of(), new PrintWriter(new StringWriter()), FAST);
        live = new LiveConfig(cfg, InstantSource.fixed(Instant.parse("2026-11-24T15:00:00Z")), ami);
        ami.follow(live);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private boolean bridgeConnected() {
        return ami.interpreters().map(AmiInterpreters::connected).orElse(false);
    }

    @Test
    void reloadToASecondManager_staffingComesFromTheNewOne_andTheOldConnectionsClose() throws Exception {
        amiBlock(pointingAt(first, "first.secret"));
        serve();
        await("the first manager's agent counts", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));
        await("the bridge is connected to the first", this::bridgeConnected);
        assertEquals(2, first.connections(), "staffing and the bridge, each its own connection");

        amiBlock(pointingAt(second, "second.secret"));
        assertEquals(List.of(), live.tryReload());
        await("the second manager, with no agent, counts", () -> ami.hasAgents(QUEUE).equals(Optional.of(false)));
        await("the old connections are closed", () -> first.connections() == 0);
        await("the bridge is connected to the second", this::bridgeConnected);
        assertEquals(2, second.connections());
        second.addMember(QUEUE, "PJSIP/agent-fr2");
        await("events come from the second", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));
    }

    @Test
    void reloadToAManagerNotAnsweringYet_staffingIsUnknownUntilItDoes() throws Exception {
        amiBlock(pointingAt(first, "first.secret"));
        serve();
        await("staffed by the first", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));
        second.refuseConnections(true);
        second.addMember(QUEUE, "PJSIP/agent-fr2");

        amiBlock(pointingAt(second, "second.secret"));
        assertEquals(List.of(), live.tryReload());
        assertEquals(Optional.empty(), ami.hasAgents(QUEUE), "unknown while reconnecting: centres.yaml counts");
        assertTrue(ami.staffing().orElseThrow().problem().isPresent());
        Thread.sleep(300); // a few login retries
        assertEquals(Optional.empty(), ami.hasAgents(QUEUE), "still unknown, never the old manager's answer");

        second.refuseConnections(false);
        await("the second answers", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));
        assertEquals(Optional.empty(), ami.staffing().orElseThrow().problem());
    }

    @Test
    void reloadRemovingAmi_makesStaffingUnknown_andAddingItBack_startsIt() throws Exception {
        amiBlock(pointingAt(first, "first.secret"));
        serve();
        await("staffed", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));

        amiBlock(COMMENTED);
        assertEquals(List.of(), live.tryReload());
        assertEquals(Optional.empty(), ami.hasAgents(QUEUE), "no AMI: unknown, the configuration counts");
        assertEquals(Optional.empty(), ami.interpreters(), "no bridge: interpreted callers are queued");
        await("logged off", () -> first.connections() == 0);

        amiBlock(pointingAt(first, "first.secret"));
        assertEquals(List.of(), live.tryReload());
        await("staffed again", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));
        await("the bridge again", this::bridgeConnected);
    }

    @Test
    void badReload_isRefusedWithThePath_andTheRunningConnectionStays() throws Exception {
        amiBlock(pointingAt(first, "first.secret"));
        serve();
        await("staffed", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));
        AmiStaffing running = ami.staffing().orElseThrow();
        Configuration before = live.config();

        amiBlock(pointingAt(second, "no-such.secret"));
        List<ConfigError> errors = live.tryReload();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("aiguilleur.yaml", errors.get(0).file());
        assertEquals("asterisk.ami.secret-file", errors.get(0).path());
        assertTrue(errors.get(0).message().contains("no-such.secret"), errors.toString());

        amiBlock(pointingAt(second, "second.secret").replace("port: " + second.port(), "port: 99999"));
        errors = live.tryReload();
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("asterisk.ami.port")), errors.toString());

        assertSame(before, live.config(), "the running configuration stays");
        assertSame(running, ami.staffing().orElseThrow(), "and its AMI connection");
        assertEquals(Optional.of(true), ami.hasAgents(QUEUE));
        assertEquals(0, second.connections(), "nothing tried the refused manager");
        assertEquals(2, first.connections());
    }

    @Test
    void reloadLeavingAmiAsItIs_keepsTheConnection() throws Exception {
        amiBlock(pointingAt(first, "first.secret"));
        serve();
        await("staffed", () -> ami.hasAgents(QUEUE).equals(Optional.of(true)));
        AmiStaffing running = ami.staffing().orElseThrow();
        files.replace("config/aiguilleur.yaml", "max-wait: 15m", "max-wait: 20m");
        assertEquals(List.of(), live.tryReload());
        assertSame(running, ami.staffing().orElseThrow());
        assertFalse(first.awaitActions("Login", 3, Duration.ofMillis(300)).size() > 2, "no new login");
    }

    @Test
    void aBridgeInProgress_staysOnTheOldConnectionUntilItEnds_thenThatConnectionCloses() throws Exception {
        amiBlock(pointingAt(first, "first.secret"));
        serve();
        await("the bridge is connected to the first", this::bridgeConnected);
        AmiInterpreters old = ami.interpreters().orElseThrow();
        String conference = "1764547200.9";
        String caller = "PJSIP/caller-00000009";
        BridgePrompts prompts = new BridgePrompts(Fixtures.shipped().prompts(), List.of("en-CA", "fr-CA"), "fr-CA",
                LanguageCatalogue.standard());
        InterpreterBridge bridge = new InterpreterBridge(new Interpreters(List.of(AmiInterpretersTest.primary(
                Duration.ofSeconds(45)))), prompts, Clock.systemUTC(), e -> { });
        BridgeDriver driver = old.start(conference, caller,
                bridge.newCall("call-9", new Action.BridgeInterpreter(QUEUE, "pa")));
        assertTrue(first.awaitActions("Originate", 1, Duration.ofSeconds(5)).size() >= 1);

        amiBlock(pointingAt(second, "second.secret"));
        assertEquals(List.of(), live.tryReload());
        await("new bridges go to the second", () -> ami.interpreters().filter(b -> b != old)
                .map(AmiInterpreters::connected).orElse(false));
        await("the first's staffing connection is closed", () -> first.connections() == 1);
        assertFalse(old.closed(), "the bridge in progress keeps its connection");

        first.confbridgeJoin(conference, caller, conference);
        first.confbridgeLeave(conference, caller, conference);
        await("the bridge ends with the caller", () -> driver.call().state() == InterpreterCall.State.ENDED);
        await("then the old connection closes", () -> old.closed() && first.connections() == 0);
    }
}
