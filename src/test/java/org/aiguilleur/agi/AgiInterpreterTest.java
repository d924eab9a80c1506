package org.aiguilleur.agi;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aiguilleur.ami.AmiInterpreters;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.interpreter.DtmfTemplate;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.interpreter.Secrets;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.AmiPacket;
import org.aiguilleur.testing.FakeAmi;
import org.aiguilleur.testing.FakeAsterisk;
import org.aiguilleur.testing.FakeAsterisk.Call;
import org.aiguilleur.testing.FakeAsterisk.Env;
import org.aiguilleur.testing.Fixtures;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An interpreted call through the real Asterisk door: the AGI script (fake Asterisk, AGI line for
 * line) decides on an interpreter, starts the bridge over AMI (fake Asterisk Manager) and names its
 * conference for the dialplan.
 */
class AgiInterpreterTest {
    private static final Instant OPEN = Fixtures.local("2026-11-24T10:00");
    private static final Provider PRIMARY = new Provider("primary", "Primary", "+15145550199",
            DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"), new Secrets(Map.of("account", "4455", "pin", "9876")),
            Map.of("zh", "103"), "0", Duration.ofSeconds(45), 1, true);

    private final FakeAmi ami = FakeAmi.start("aiguilleur", "s3cret");
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private ManagerConnection connection;
    private AmiInterpreters interpreters;
    private AgiFrontDoor door;

    private FakeAsterisk door(InterpreterStarter starter) throws Exception {
        int port = RunningDoor.freePort();
        Configuration shipped = Fixtures.shipped();
        Settings s = shipped.settings();
        Settings settings = s.withAgi(new Settings.Listener("127.0.0.1", port))
                .withAgiDoor(new Settings.AgiDoor(s.agiDoor().maxCalls(), s.agiDoor().sounds(),
                        Optional.of(RunningDoor.SOUNDS), RunningDoor.RECORDINGS));
        Configuration cfg = new Configuration(shipped.dir(), settings, shipped.regions(), shipped.centres(),
                shipped.calendars(), shipped.flow(), shipped.prompts(), shipped.agents(),
                new Interpreters(List.of(PRIMARY)));
        LiveConfig live = new LiveConfig(cfg, Clock.fixed(OPEN, Fixtures.QUEBEC), LiveStaffing.UNKNOWN);
        if (starter == null) {
            connection = new ManagerConnectionFactory(ami.host(), ami.port(), "aiguilleur", "s3cret").createManagerConnection();
            connection.login("call");
            interpreters = new AmiInterpreters(connection, p -> p.language() + "/" + p.id());
            starter = InterpreterStarter.overAmi(interpreters, live, events::add);
        }
        door = new AgiFrontDoor(live, events::add, starter);
        door.start();
        return new FakeAsterisk(port);
    }

    @AfterEach
    void stop() throws Exception {
        if (door != null) {
            door.close();
        }
        if (interpreters != null) {
            interpreters.close(); // logs the connection off
        }
        ami.close();
    }

    @Test
    void interpretedCall_startsTheBridgeOverAmi_andNamesTheCallersConference() throws Exception {
        Env env = Env.standard().callerId("+15145550100");
        Call call = door(null).call(env, caller().press("9").press("1").press("1"));
        assertEquals("interpreter", call.variable("AIGUILLEUR_OUTCOME"));
        assertEquals(env.uniqueId(), call.variable("AIGUILLEUR_BRIDGE"));
        List<AmiPacket> originates = ami.awaitActions("Originate", 3, Duration.ofSeconds(5));
        AmiPacket dial = originates.stream().filter(o -> o.get("Channel").equals("Local/+15145550199@aiguilleur-interpreter-dial"))
                .findFirst().orElseThrow(() -> new AssertionError(originates.toString()));
        assertTrue(dial.all("Variable").contains("AIGUILLEUR_CONFERENCE=" + env.uniqueId()), dial.toString());
        assertTrue(dial.all("Variable").contains("__AIGUILLEUR_DTMF=ww4455#w9876#ww103#"), "Mandarin's code");
        assertTrue(originates.stream().anyMatch(o -> o.get("Channel").equals("Local/grand-montreal-fr@aiguilleur-interpreter-agent")));

        // The caller hangs up while the interpreter rings: the attempt reaches the door's records.
        String callerChannel = String.format(java.util.Locale.ROOT, "PJSIP/trunk-%08x",
                Long.parseLong(env.uniqueId().substring(env.uniqueId().indexOf('.') + 1))); // as Env.standard() names it
        ami.broadcast(AmiPacket.of("Event", "Hangup", "Privilege", "call,all", "Channel", callerChannel,
                "Uniqueid", env.uniqueId(), "Cause", "16"), "call");
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (events.stream().noneMatch(CallEvent.InterpreterAttempt.class::isInstance) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        CallEvent.InterpreterAttempt attempt = events.stream().filter(CallEvent.InterpreterAttempt.class::isInstance)
                .map(CallEvent.InterpreterAttempt.class::cast).findFirst().orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals(new CallEvent.InterpreterAttempt(env.uniqueId(), OPEN, "primary", "zh", Optional.empty(),
                Duration.ZERO, "caller-left"), attempt);
    }

    /** The {@code h} extension's {@code 211/call-ended}, with the member and wait Queue() left (if any). */
    private static Env ended(Env call, String member, String held) {
        return Env.standard().set("agi_uniqueid", call.uniqueId()).script("211/call-ended")
                .set("agi_arg_1", member).set("agi_arg_2", held).set("agi_arg_3", "");
    }

    @Test
    void bridgedInterpreterCall_endsWithoutAQueueRecord_itWasInAConference() throws Exception {
        FakeAsterisk asterisk = door((conference, channel, bridge) -> true);
        Env env = Env.standard().callerId("+15145550100");
        assertEquals(env.uniqueId(), asterisk.call(env, caller().press("9").press("1").press("1")).variable("AIGUILLEUR_BRIDGE"));
        asterisk.call(ended(env, "", ""), caller());
        assertTrue(events.stream().noneMatch(CallEvent.QueueLeft.class::isInstance), events.toString());
        assertTrue(events.stream().anyMatch(CallEvent.CallEnded.class::isInstance));
    }

    @Test
    void queuedInterpreterCall_answeredByAMember_isRecordedAnswered() throws Exception {
        FakeAsterisk asterisk = door(InterpreterStarter.NONE);
        Env env = Env.standard().callerId("+15145550100");
        asterisk.call(env, caller().press("9").press("1").press("1"));
        asterisk.call(ended(env, "agent-3", "0"), caller());
        CallEvent.QueueLeft q = events.stream().filter(CallEvent.QueueLeft.class::isInstance)
                .map(CallEvent.QueueLeft.class::cast).findFirst().orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals(org.aiguilleur.flow.Event.QueueStatus.ANSWERED, q.status());
        assertEquals(Optional.of("agent-3"), q.agent());
        assertEquals("grand-montreal-fr", q.queue());
    }

    @Test
    void withoutAmi_theInterpretedCallerIsQueued_asBefore() throws Exception {
        Call call = door(InterpreterStarter.NONE).call(Env.standard().callerId("+15145550100"),
                caller().press("9").press("1").press("1"));
        assertEquals("interpreter", call.variable("AIGUILLEUR_OUTCOME"));
        assertEquals("grand-montreal-fr", call.variable("AIGUILLEUR_QUEUE"));
        assertEquals("", call.variable("AIGUILLEUR_BRIDGE"));
    }

    @Test
    void aBridgeThatCannotStart_leavesTheCallerToTheInterpreterQueue() throws Exception {
        Call call = door((conference, channel, bridge) -> {
            throw new IllegalStateException("AMI not connected");
        }).call(Env.standard().callerId("+15145550100"), caller().press("9").press("1").press("1"));
        assertEquals("interpreter", call.variable("AIGUILLEUR_OUTCOME"));
        assertEquals("grand-montreal-fr", call.variable("AIGUILLEUR_QUEUE"));
        assertEquals("", call.variable("AIGUILLEUR_BRIDGE"));
    }
}
