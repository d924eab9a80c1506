package org.aiguilleur.interpreter;

import static org.aiguilleur.interpreter.BridgeHarness.BACKUP;
import static org.aiguilleur.interpreter.BridgeHarness.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.interpreter.BridgeCommand.DeliverAgent;
import org.aiguilleur.interpreter.BridgeCommand.DialInterpreter;
import org.aiguilleur.interpreter.BridgeCommand.EndConference;
import org.aiguilleur.interpreter.BridgeCommand.HangUpInterpreter;
import org.aiguilleur.interpreter.BridgeCommand.PlayToCaller;
import org.aiguilleur.interpreter.BridgeCommand.StartTimer;
import org.aiguilleur.interpreter.BridgeEvent.AgentJoined;
import org.aiguilleur.interpreter.BridgeEvent.AgentLeft;
import org.aiguilleur.interpreter.BridgeEvent.CallerLeft;
import org.aiguilleur.interpreter.BridgeEvent.Failure;
import org.aiguilleur.interpreter.BridgeEvent.InterpreterLeft;
import org.aiguilleur.interpreter.BridgeEvent.LegAnswered;
import org.aiguilleur.interpreter.BridgeEvent.LegFailed;
import org.aiguilleur.interpreter.BridgeEvent.TimerFired;
import org.aiguilleur.interpreter.InterpreterCall.State;
import org.aiguilleur.records.CallEvent.InterpreterAttempt;
import org.junit.jupiter.api.Test;

/** One interpreted call, event by event: the commands a door must carry out and the records kept. */
class InterpreterCallTest {
    private final BridgeHarness h = new BridgeHarness();

    private static Dial dial(List<BridgeCommand> commands) {
        return commands.stream().filter(DialInterpreter.class::isInstance).map(c -> ((DialInterpreter) c).dial())
                .findFirst().orElseThrow(() -> new AssertionError("no dial in " + commands));
    }

    private InterpreterAttempt attempt(String provider, String language, Optional<Duration> connect,
                                       Duration interpreted, String outcome) {
        return new InterpreterAttempt("CA0001", h.now(), provider, language, connect, interpreted, outcome);
    }

    @Test
    void success_dialsThePrimaryWithItsKeys_bringsTheAgent_andRecordsConnectAndInterpretedTime() {
        InterpreterCall call = h.call("pa", PRIMARY, BACKUP);
        List<BridgeCommand> start = call.start();
        Dial first = new Dial(1, "primary", "+15145550199", "ww4455#w9876#ww110#", "110", Duration.ofSeconds(45));
        assertEquals(new DialInterpreter(first), start.get(0));
        assertEquals(new StartTimer(1, Duration.ofSeconds(45)), start.get(1));
        assertEquals(new DeliverAgent("grand-montreal-fr", "pa",
                List.of(new Prompt("interpreter-whisper", "fr-CA", "Appel avec interprète. Langue : pendjabi."))), start.get(2));
        assertTrue(start.get(3) instanceof PlayToCaller p && p.whileWaiting());
        assertEquals(4, start.size());

        h.advance(Duration.ofSeconds(20));
        assertEquals(List.of(), call.on(new AgentJoined()));
        h.advance(Duration.ofSeconds(12));
        assertEquals(List.of(), call.on(new LegAnswered(1)));
        assertEquals(State.INTERPRETED, call.state());
        assertEquals(List.of(), call.on(new TimerFired(1)), "the timer of a joined leg changes nothing");

        h.advance(Duration.ofMinutes(9));
        assertEquals(List.of(new HangUpInterpreter(1), new EndConference()), call.on(new CallerLeft()));
        assertEquals(State.ENDED, call.state());
        assertEquals(List.of(attempt("primary", "pa", Optional.of(Duration.ofSeconds(32)), Duration.ofMinutes(9), "joined")),
                h.records);
    }

    @Test
    void slowInterpreter_timesOut_isHungUp_andTheNextAttemptIsDialled_aLateAnswerIsReleased() {
        InterpreterCall call = h.call("pa", PRIMARY, BACKUP);
        call.start();
        h.advance(Duration.ofSeconds(45));
        List<BridgeCommand> out = call.on(new TimerFired(1));
        assertEquals(new HangUpInterpreter(1), out.get(0));
        assertEquals(2, dial(out).attempt());
        assertEquals("primary", dial(out).provider(), "the primary is tried twice before the backup");
        assertEquals(List.of(attempt("primary", "pa", Optional.empty(), Duration.ZERO, "timeout")), h.records);

        h.advance(Duration.ofSeconds(3));
        assertEquals(List.of(new HangUpInterpreter(1)), call.on(new LegAnswered(1)), "a given-up leg is released");
        assertEquals(List.of(), call.on(new LegFailed(1, Failure.FAILED)), "a stale failure changes nothing");
        assertEquals(State.CONNECTING, call.state());
        h.advance(Duration.ofSeconds(7));
        assertEquals(List.of(), call.on(new LegAnswered(2)));
        assertEquals(State.INTERPRETED, call.state());
        h.advance(Duration.ofMinutes(4));
        call.on(new InterpreterLeft(2));
        assertEquals(attempt("primary", "pa", Optional.of(Duration.ofSeconds(10)), Duration.ofMinutes(4), "joined"),
                h.records.get(1));
    }

    @Test
    void backupProvider_isDialledWithItsOwnNumberAndKeys_afterThePrimaryFails() {
        InterpreterCall call = h.call("pa", PRIMARY, BACKUP);
        call.start();
        h.advance(Duration.ofSeconds(2));
        call.on(new LegFailed(1, Failure.BUSY));
        h.advance(Duration.ofSeconds(30));
        List<BridgeCommand> out = call.on(new LegFailed(2, Failure.NO_ANSWER));
        assertEquals(List.of(new DialInterpreter(new Dial(3, "backup", "+18195550142", "W1234#W18", "18",
                Duration.ofSeconds(60))), new StartTimer(3, Duration.ofSeconds(60))), out);
        assertEquals(List.of("busy", "no-answer"), h.records.stream().map(InterpreterAttempt::outcome).toList());
        h.advance(Duration.ofSeconds(15));
        call.on(new LegAnswered(3));
        h.advance(Duration.ofMinutes(2));
        assertEquals(List.of(new HangUpInterpreter(3), new EndConference()), call.on(new AgentLeft()));
        assertEquals(attempt("backup", "pa", Optional.of(Duration.ofSeconds(15)), Duration.ofMinutes(2), "joined"),
                h.records.get(2));
    }

    @Test
    void noInterpreterAtAll_callerHearsTheApologyInTheirLanguage_andStaysWithTheAgent() {
        InterpreterCall call = h.call("es", PRIMARY);
        call.start();
        call.on(new AgentJoined());
        call.on(new LegFailed(1, Failure.FAILED));
        h.advance(Duration.ofSeconds(45));
        List<BridgeCommand> out = call.on(new TimerFired(2));
        assertEquals(new HangUpInterpreter(2), out.get(0));
        PlayToCaller apology = (PlayToCaller) out.get(1);
        assertFalse(apology.whileWaiting());
        assertEquals(List.of("es"), apology.prompts().stream().map(Prompt::language).toList());
        assertEquals("interpreter-unavailable", apology.prompts().get(0).id());
        assertEquals(2, out.size(), "the conference goes on: the caller stays with the agent");
        assertEquals(State.NO_INTERPRETER, call.state());
        assertTrue(call.agentPresent());
        assertEquals(List.of(), call.on(new LegAnswered(1)).stream().filter(c -> !(c instanceof HangUpInterpreter)).toList());
        assertEquals(List.of(new EndConference()), call.on(new CallerLeft()));
        assertEquals(List.of("failed", "timeout"), h.records.stream().map(InterpreterAttempt::outcome).toList());
    }

    @Test
    void noProviderConfigured_apologisesAtOnce_andStillBringsTheAgent() {
        InterpreterCall call = h.call("am");
        List<BridgeCommand> start = call.start();
        assertTrue(start.get(0) instanceof DeliverAgent);
        PlayToCaller apology = (PlayToCaller) start.get(1);
        // No Amharic text: the caller hears both official languages.
        assertEquals(List.of("en-CA", "fr-CA"), apology.prompts().stream().map(Prompt::language).toList());
        // A Punjabi caller hears it in Punjabi.
        PlayToCaller inPunjabi = (PlayToCaller) new BridgeHarness().call("pa").start().get(1);
        assertEquals(List.of("pa"), inPunjabi.prompts().stream().map(Prompt::language).toList());
        assertEquals(State.NO_INTERPRETER, call.state());
        assertEquals(List.of(), h.records);
    }

    @Test
    void callerHangsUpDuringConnection_theInterpreterLegIsCancelled_andALateAnswerReleased() {
        InterpreterCall call = h.call("pa", PRIMARY, BACKUP);
        call.start();
        h.advance(Duration.ofSeconds(8));
        assertEquals(List.of(new HangUpInterpreter(1), new EndConference()), call.on(new CallerLeft()));
        assertEquals(List.of(attempt("primary", "pa", Optional.empty(), Duration.ZERO, "caller-left")), h.records);
        assertEquals(List.of(new HangUpInterpreter(1)), call.on(new LegAnswered(1)));
        assertEquals(List.of(), call.on(new TimerFired(1)));
        assertEquals(List.of(), call.on(new CallerLeft()));
        assertEquals(1, h.records.size(), "each attempt is recorded once");
    }

    @Test
    void agentHangsUpWhileConnecting_releasesTheInterpreter_andEndsTheConference() {
        InterpreterCall call = h.call("pa", PRIMARY);
        call.start();
        call.on(new AgentJoined());
        h.advance(Duration.ofSeconds(5));
        assertEquals(List.of(new HangUpInterpreter(1), new EndConference()), call.on(new AgentLeft()));
        assertFalse(call.agentPresent());
        assertEquals("agent-left", h.records.get(0).outcome());
    }

    @Test
    void interpreterLeaves_callerAndAgentGoOnTogether() {
        InterpreterCall call = h.call("ht", PRIMARY);
        call.start();
        call.on(new LegAnswered(1));
        h.advance(Duration.ofMinutes(3));
        assertEquals(List.of(), call.on(new InterpreterLeft(1)));
        assertEquals(State.INTERPRETER_LEFT, call.state());
        assertEquals(List.of(new EndConference()), call.on(new AgentLeft()));
        assertEquals(1, h.records.size());
        assertEquals(Duration.ofMinutes(3), h.records.get(0).interpreted());
    }

    @Test
    void interpreterHangsUpBeforeJoining_countsAsAFailedAttempt() {
        InterpreterCall call = h.call("pa", PRIMARY);
        call.start();
        List<BridgeCommand> out = call.on(new InterpreterLeft(1));
        assertEquals(2, dial(out).attempt());
        assertEquals("failed", h.records.get(0).outcome());
    }

    @Test
    void undeterminedLanguage_asksEveryProviderToIdentifyIt_andTellsTheAgent() {
        InterpreterCall call = h.call("und", PRIMARY, BACKUP);
        List<BridgeCommand> start = call.start();
        assertEquals("ww4455#w9876#ww0#", dial(start).dtmf());
        assertEquals(List.of("0", "0", "99"), call.plan().stream().map(Dial::languageCode).toList());
        DeliverAgent agent = (DeliverAgent) start.get(2);
        assertEquals("Appel avec interprète. Langue à identifier.", agent.whisper().get(0).text());
        PlayToCaller wait = (PlayToCaller) start.get(3);
        assertEquals(List.of("en-CA", "fr-CA"), wait.prompts().stream().map(Prompt::language).toList());
    }

    @Test
    void languageOnlyTheBackupOffers_triesTheBackupFirst_thenThePrimaryToIdentifyIt() {
        InterpreterCall call = h.call("atj", PRIMARY, BACKUP);
        assertEquals(List.of("backup/41", "primary/0", "primary/0"),
                call.plan().stream().map(d -> d.provider() + "/" + d.languageCode()).toList());
    }

    @Test
    void disabledProvider_isNeverDialled() {
        Provider off = new Provider("off", "Off", "+15145550000", DtmfTemplate.parse("{language}"), Secrets.NONE,
                java.util.Map.of("pa", "1"), "0", Duration.ofSeconds(30), 1, false);
        assertEquals(List.of("backup"), h.call("pa", off, BACKUP).plan().stream().map(Dial::provider).toList());
    }

    @Test
    void regionalTagIsReducedToItsLanguage_inCommandsAndRecords() {
        InterpreterCall call = h.call("es-MX", PRIMARY);
        List<BridgeCommand> start = call.start();
        assertEquals("102", dial(start).languageCode());
        call.on(new CallerLeft());
        assertEquals("es", h.records.get(0).language());
    }

    @Test
    void startingTwice_isAProgrammingError() {
        InterpreterCall call = h.call("pa", PRIMARY);
        call.start();
        assertThrows(IllegalStateException.class, call::start);
    }

    @Test
    void dialAndSecrets_neverPrintTheKeys() {
        Dial d = h.call("pa", PRIMARY).plan().get(0);
        assertFalse(d.toString().contains("9876"), d.toString());
        assertFalse(PRIMARY.toString().contains("9876"), PRIMARY.toString());
    }
}
