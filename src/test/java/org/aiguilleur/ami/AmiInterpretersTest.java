package org.aiguilleur.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.aiguilleur.flow.Action;
import org.aiguilleur.interpreter.BridgeDriver;
import org.aiguilleur.interpreter.BridgePrompts;
import org.aiguilleur.interpreter.DtmfTemplate;
import org.aiguilleur.interpreter.InterpreterBridge;
import org.aiguilleur.interpreter.InterpreterCall;
import org.aiguilleur.interpreter.InterpreterCall.State;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.interpreter.Secrets;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.testing.AmiPacket;
import org.aiguilleur.testing.FakeAmi;
import org.aiguilleur.testing.Fixtures;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interpreted calls on Asterisk, over a real AMI socket to the fake Asterisk Manager: Originate of the
 * interpreter, agent and announcement legs into the caller's ConfBridge, and the AMI events back.
 */
class AmiInterpretersTest {
    static final String CONFERENCE = "1764547200.7";
    static final String CALLER = "PJSIP/caller-00000007";
    static final String PRIMARY_DIAL = "Local/+15145550199@aiguilleur-interpreter-dial";
    static final String BACKUP_DIAL = "Local/+18195550142@aiguilleur-interpreter-dial";

    private final FakeAmi ami = FakeAmi.start("aiguilleur", "s3cret");
    private final List<CallEvent> records = new CopyOnWriteArrayList<>();
    private ManagerConnection connection;
    private AmiInterpreters interpreters;

    static Provider primary(Duration timeout) {
        return new Provider("primary", "Primary", "+15145550199", DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"),
                new Secrets(Map.of("account", "4455", "pin", "9876")), Map.of("pa", "110"), "0", timeout, 2, true);
    }

    static final Provider BACKUP = new Provider("backup", "Backup", "+18195550142", DtmfTemplate.parse("W{pin}#W{language}"),
            new Secrets(Map.of("pin", "1234")), Map.of("pa", "18"), "99", Duration.ofSeconds(60), 1, true);

    @BeforeEach
    void connect() throws Exception {
        connection = new ManagerConnectionFactory(ami.host(), ami.port(), "aiguilleur", "s3cret").createManagerConnection();
        connection.login("call");
        interpreters = new AmiInterpreters(connection, p -> "aiguilleur/" + p.language() + "/" + p.id());
    }

    @AfterEach
    void close() {
        interpreters.close(); // logs the connection off
        ami.close();
    }

    private InterpreterCall call(Provider... providers) {
        BridgePrompts prompts = new BridgePrompts(Fixtures.shipped().prompts(), List.of("en-CA", "fr-CA"), "fr-CA",
                LanguageCatalogue.standard());
        InterpreterBridge bridge = new InterpreterBridge(new Interpreters(List.of(providers)), prompts,
                java.time.Clock.systemUTC(), records::add);
        return bridge.newCall("call-7", new Action.BridgeInterpreter("grand-montreal-fr", "pa"));
    }

    private List<AmiPacket> originates(int count) throws InterruptedException {
        List<AmiPacket> found = ami.awaitActions("Originate", count, Duration.ofSeconds(5));
        assertTrue(found.size() >= count, "originates: " + found);
        return found;
    }

    /** The channel the fake created for an originate to {@code dial}, once answered. */
    private String channel(String dial) throws InterruptedException {
        awaitTrue(() -> ami.channels().keySet().stream().anyMatch(c -> c.startsWith(dial)), "a channel for " + dial);
        return ami.channels().keySet().stream().filter(c -> c.startsWith(dial)).reduce((a, b) -> b).orElseThrow();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, what, Duration.ofSeconds(5));
    }

    private static void awaitTrue(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private List<String> hangups() {
        List<String> out = new ArrayList<>();
        ami.actions().stream().filter(a -> a.get("Action").equalsIgnoreCase("Hangup")).forEach(a -> out.add(a.get("Channel")));
        return out;
    }

    private static List<String> outcomes(List<CallEvent> records) {
        return records.stream().map(e -> ((CallEvent.InterpreterAttempt) e).outcome()).toList();
    }

    @Test
    void success_originatesInterpreterAgentAndWaitingMessage_thenTheCallerLeavingEndsIt() throws Exception {
        BridgeDriver driver = interpreters.start(CONFERENCE, CALLER, call(primary(Duration.ofSeconds(45)), BACKUP));
        List<AmiPacket> o = originates(3);
        AmiPacket dial = o.get(0);
        assertEquals(PRIMARY_DIAL, dial.get("Channel"));
        assertEquals("aiguilleur-interpreter-join", dial.get("Context"));
        assertEquals("45000", dial.get("Timeout"));
        assertTrue(dial.all("Variable").contains("__AIGUILLEUR_DTMF=ww4455#w9876#ww110#"), dial.all("Variable").toString());
        assertTrue(dial.all("Variable").contains("AIGUILLEUR_CONFERENCE=" + CONFERENCE), dial.all("Variable").toString());
        assertEquals("Local/grand-montreal-fr@aiguilleur-interpreter-agent", o.get(1).get("Channel"));
        assertTrue(o.get(1).all("Variable").contains("__AIGUILLEUR_WHISPER=aiguilleur/fr-CA/interpreter-whisper"));
        assertEquals("Local/loop@aiguilleur-interpreter-announce", o.get(2).get("Channel"));
        assertTrue(o.get(2).all("Variable").contains("__AIGUILLEUR_SOUNDS=aiguilleur/pa/interpreter-connecting"), o.get(2).all("Variable").toString());

        String interpreter = channel(PRIMARY_DIAL);
        String agent = channel("Local/grand-montreal-fr@");
        String waiting = channel("Local/loop@");
        ami.confbridgeJoin(CONFERENCE, CALLER, CONFERENCE);
        ami.confbridgeJoin(CONFERENCE, agent, "1.2");
        awaitTrue(() -> driver.call().agentPresent(), "the agent");
        // The hang-up of the waiting message is an AMI action sent after the join is handled.
        awaitTrue(() -> hangups().contains(waiting), "the waiting message stops when someone joins the caller");
        ami.confbridgeJoin(CONFERENCE, interpreter, "1.3");
        awaitTrue(() -> driver.call().state() == State.INTERPRETED, "the interpreter joined");

        ami.confbridgeLeave(CONFERENCE, CALLER, CONFERENCE);
        awaitTrue(() -> driver.call().state() == State.ENDED, "the end");
        awaitTrue(() -> hangups().contains(interpreter) && hangups().contains(agent), "interpreter and agent released");
        awaitTrue(() -> records.size() == 1, "the record");
        CallEvent.InterpreterAttempt r = (CallEvent.InterpreterAttempt) records.get(0);
        assertEquals("joined", r.outcome());
        assertEquals("primary", r.provider());
        assertTrue(r.connectTime().isPresent());
    }

    @Test
    void busyPrimary_isTriedTwice_thenTheBackupJoins() throws Exception {
        ami.failOriginate(PRIMARY_DIAL, FakeAmi.BUSY);
        BridgeDriver driver = interpreters.start(CONFERENCE, CALLER, call(primary(Duration.ofSeconds(45)), BACKUP));
        List<AmiPacket> o = originates(5);
        assertEquals(List.of(PRIMARY_DIAL, PRIMARY_DIAL, BACKUP_DIAL), o.stream().map(p -> p.get("Channel"))
                .filter(c -> c.contains("interpreter-dial")).toList());
        assertTrue(o.stream().anyMatch(p -> p.all("Variable").contains("__AIGUILLEUR_DTMF=W1234#W18")));
        ami.confbridgeJoin(CONFERENCE, channel(BACKUP_DIAL), "1.9");
        awaitTrue(() -> driver.call().state() == State.INTERPRETED, "the backup joined");
        assertEquals(List.of("busy", "busy"), outcomes(records));
    }

    @Test
    void slowInterpreter_answeredButNeverJoined_isHungUpAtItsTimeout_andTheNextTryDialled() throws Exception {
        BridgeDriver driver = interpreters.start(CONFERENCE, CALLER, call(primary(Duration.ofMillis(300)), BACKUP));
        String first = channel(PRIMARY_DIAL);
        awaitTrue(() -> hangups().contains(first), "the slow leg hung up");
        awaitTrue(() -> ami.actions().stream().filter(a -> a.get("Channel").equals(PRIMARY_DIAL)).count() == 2, "a second try");
        awaitTrue(() -> outcomes(records).equals(List.of("timeout")), "the timeout recorded");
        assertEquals(State.CONNECTING, driver.call().state());
    }

    @Test
    void noInterpreterReachable_playsTheApologyOnce_andTheCallerStaysWithTheAgent() throws Exception {
        ami.failOriginate(PRIMARY_DIAL, FakeAmi.NO_ANSWER).failOriginate(BACKUP_DIAL, FakeAmi.FAILED);
        BridgeDriver driver = interpreters.start(CONFERENCE, CALLER, call(primary(Duration.ofSeconds(45)), BACKUP));
        awaitTrue(() -> driver.call().state() == State.NO_INTERPRETER, "no interpreter");
        AmiPacket apology = ami.awaitActions("Originate", 6, Duration.ofSeconds(5)).stream()
                .filter(a -> a.get("Channel").equals("Local/once@aiguilleur-interpreter-announce")).findFirst().orElseThrow();
        assertTrue(apology.all("Variable").contains("__AIGUILLEUR_SOUNDS=aiguilleur/pa/interpreter-unavailable"), apology.toString());
        awaitTrue(() -> outcomes(records).equals(List.of("no-answer", "no-answer", "failed")), "three failed tries recorded");
        assertTrue(hangups().stream().noneMatch(c -> c.startsWith("Local/grand-montreal-fr@")), "the agent stays");
    }

    @Test
    void callerHangsUpWhileTheInterpreterIsRinging_theLateAnswerIsHungUp() throws Exception {
        BridgeDriver driver = interpreters.start(CONFERENCE, CALLER, call(primary(Duration.ofSeconds(45)), BACKUP));
        String interpreter = channel(PRIMARY_DIAL);
        ami.broadcast(AmiPacket.of("Event", "Hangup", "Privilege", "call,all", "Channel", CALLER, "Uniqueid", CONFERENCE,
                "Cause", "16"), "call");
        awaitTrue(() -> driver.call().state() == State.ENDED, "the end");
        awaitTrue(() -> hangups().contains(interpreter), "the interpreter leg released");
        assertEquals(List.of("caller-left"), outcomes(records));
    }

    @Test
    void agentHangsUp_releasesTheInterpreterAndEndsTheCallersConference() throws Exception {
        BridgeDriver driver = interpreters.start(CONFERENCE, CALLER, call(primary(Duration.ofSeconds(45)), BACKUP));
        String interpreter = channel(PRIMARY_DIAL);
        String agent = channel("Local/grand-montreal-fr@");
        ami.confbridgeJoin(CONFERENCE, agent, "1.2").confbridgeJoin(CONFERENCE, interpreter, "1.3");
        awaitTrue(() -> driver.call().state() == State.INTERPRETED, "interpreted");
        ami.confbridgeLeave(CONFERENCE, agent, "1.2");
        awaitTrue(() -> driver.call().state() == State.ENDED, "the end");
        awaitTrue(() -> hangups().containsAll(List.of(interpreter, CALLER)), "interpreter and caller hung up");
        assertEquals(List.of("joined"), outcomes(records));
    }

    @Test
    void callerLeavesBeforeAnyLegIsAnswered_everyLegAnsweredLaterIsStillReleased() throws Exception {
        for (int i = 0; i < 20; i++) {
            String conference = CONFERENCE + i;
            BridgeDriver driver = interpreters.start(conference, CALLER, call(primary(Duration.ofSeconds(45)), BACKUP));
            driver.on(new org.aiguilleur.interpreter.BridgeEvent.CallerLeft());
            assertEquals(State.ENDED, driver.call().state());
            awaitTrue(() -> ami.channels().isEmpty(), "no leg left up after call " + conference);
        }
    }

    @Test
    void agentLegThatDoesNotConnect_isPlacedAgain_soTheCallerIsNeverLeftWithoutAnAgent() throws Exception {
        String agentDial = "Local/grand-montreal-fr@aiguilleur-interpreter-agent";
        ami.failOriginate(agentDial, FakeAmi.FAILED);
        interpreters.start(CONFERENCE, CALLER, call(primary(Duration.ofSeconds(45)), BACKUP));
        awaitTrue(() -> ami.actions().stream().filter(a -> a.get("Channel").equals(agentDial)).count() >= 2,
                "the agent leg placed again", Duration.ofSeconds(10));
    }

    @Test
    void withAmiDown_theBridgeSaysNotConnected() {
        interpreters.close();
        assertTrue(!interpreters.connected());
    }
}
