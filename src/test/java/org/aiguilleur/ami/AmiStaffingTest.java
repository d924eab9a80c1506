package org.aiguilleur.ami;

import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.aiguilleur.config.AsteriskSettings;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallSession;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Event;
import org.aiguilleur.testing.FakeAmi;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live staffing over a real AMI socket, against the fake Asterisk Manager. */
class AmiStaffingTest {
    private static final AmiStaffing.Timings FAST = new AmiStaffing.Timings(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    private static final Instant OPEN = local("2026-11-24T10:00");
    private static final Optional<Boolean> YES = Optional.of(true);
    private static final Optional<Boolean> NO = Optional.of(false);
    private static final Optional<Boolean> UNKNOWN = Optional.empty();

    private final FakeAmi ami = FakeAmi.start("aiguilleur", "s3cret");
    private AmiStaffing staffing;

    private AmiStaffing connect(String secret) {
        AsteriskSettings.Ami settings = new AsteriskSettings.Ami(ami.host(), ami.port(), "aiguilleur", Optional.empty());
        staffing = AmiStaffing.start(settings, secret, Fixtures.shipped().queues(), FAST);
        return staffing;
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

    private void awaitAnswer(String queue, Optional<Boolean> expected) throws InterruptedException {
        await(queue + " is " + expected, () -> staffing.hasAgents(queue).equals(expected));
    }

    @AfterEach
    void stop() {
        if (staffing != null) {
            staffing.close();
        }
        ami.close();
    }

    @Test
    void membersAlreadyLoggedIn_areTakenFromTheQueueListAtConnect() throws Exception {
        ami.queues("grand-montreal-fr", "grand-montreal-es").addMember("grand-montreal-fr", "PJSIP/agent-fr1");
        connect("s3cret");
        awaitAnswer("grand-montreal-fr", YES);
        assertEquals(NO, staffing.hasAgents("grand-montreal-es"));
        assertEquals(UNKNOWN, staffing.hasAgents("quebec-regions-en"), "a queue Asterisk lacks stays unknown");
        assertEquals(Optional.empty(), staffing.problem());
        assertEquals("agent", ami.awaitActions("Login", 1, Duration.ofSeconds(1)).get(0).get("Events"));
    }

    @Test
    void staffing_followsAgentsLoggingInPausingAndLoggingOut() throws Exception {
        ami.queues("grand-montreal-es");
        connect("s3cret");
        awaitAnswer("grand-montreal-es", NO);
        ami.addMember("grand-montreal-es", "PJSIP/agent-es1");
        awaitAnswer("grand-montreal-es", YES);
        ami.pause("grand-montreal-es", "PJSIP/agent-es1", true);
        awaitAnswer("grand-montreal-es", NO);
        ami.addMember("grand-montreal-es", "PJSIP/agent-es2");
        awaitAnswer("grand-montreal-es", YES);
        ami.deviceState("grand-montreal-es", "PJSIP/agent-es2", FakeAmi.UNAVAILABLE);
        awaitAnswer("grand-montreal-es", NO);
        ami.deviceState("grand-montreal-es", "PJSIP/agent-es2", FakeAmi.IN_USE);
        awaitAnswer("grand-montreal-es", YES);
        ami.removeMember("grand-montreal-es", "PJSIP/agent-es2");
        awaitAnswer("grand-montreal-es", NO);
        ami.pause("grand-montreal-es", "PJSIP/agent-es1", false);
        awaitAnswer("grand-montreal-es", YES);
    }

    @Test
    void droppedConnection_isUnknownUntilReconnectedThenTakesTheListAgain() throws Exception {
        ami.queues("grand-montreal-ar");
        connect("s3cret");
        awaitAnswer("grand-montreal-ar", NO);
        ami.refuseConnections(true);
        ami.dropConnections();
        awaitAnswer("grand-montreal-ar", UNKNOWN);
        assertTrue(staffing.problem().orElseThrow().contains("disconnected"), staffing.problem().toString());
        // An agent logs in while Aiguilleur cannot hear it: the list taken at reconnection shows it.
        ami.addMember("grand-montreal-ar", "PJSIP/agent-ar1");
        ami.refuseConnections(false);
        awaitAnswer("grand-montreal-ar", YES);
        assertEquals(2, ami.awaitActions("QueueStatus", 2, Duration.ofSeconds(1)).size());
    }

    @Test
    void connectionGoneSilent_isTakenAsDeadAndReconnected() throws Exception {
        ami.queues("grand-montreal-en");
        connect("s3cret");
        awaitAnswer("grand-montreal-en", NO);
        ami.muteConnections();
        ami.addMember("grand-montreal-en", "PJSIP/agent-en1");
        // Pings go unanswered; after three ping intervals of silence the connection is dropped and made again.
        awaitAnswer("grand-montreal-en", YES);
        assertEquals(2, ami.awaitActions("Login", 2, Duration.ofSeconds(1)).size());
    }

    @Test
    void asteriskNotUpYet_isUnknownThenConnects() throws Exception {
        ami.refuseConnections(true);
        ami.queues("quebec-regions-fr").addMember("quebec-regions-fr", "PJSIP/agent-qc1");
        connect("s3cret");
        TimeUnit.MILLISECONDS.sleep(300);
        assertEquals(UNKNOWN, staffing.hasAgents("quebec-regions-fr"));
        assertTrue(staffing.problem().isPresent());
        ami.refuseConnections(false);
        awaitAnswer("quebec-regions-fr", YES);
    }

    @Test
    void wrongSecret_saysSoClearlyStaysUnknownAndKeepsTrying() throws Exception {
        ami.queues("grand-montreal-fr").addMember("grand-montreal-fr", "PJSIP/agent-fr1");
        connect("not-the-secret");
        await("the refusal is known", () -> staffing.problem().orElse("").contains("refused the login"));
        String problem = staffing.problem().orElseThrow();
        assertTrue(problem.contains("Authentication failed"), problem);
        assertTrue(problem.contains("AIGUILLEUR_AMI_SECRET"), problem);
        assertTrue(problem.contains("aiguilleur@" + ami.host() + ":" + ami.port()), problem);
        assertEquals(UNKNOWN, staffing.hasAgents("grand-montreal-fr"));
        assertTrue(ami.awaitActions("Login", 3, Duration.ofSeconds(10)).size() >= 3, "it tries again");
        assertEquals(UNKNOWN, staffing.hasAgents("grand-montreal-fr"));
    }

    @Test
    void languageQueueWithoutAgents_sendsTheCallerToAnInterpreterOrTheOtherCentre() throws Exception {
        for (String q : Fixtures.shipped().queues()) {
            ami.queues(q);
            if (!q.equals("grand-montreal-es") && !q.equals("quebec-regions-en")) {
                ami.addMember(q, "PJSIP/agent-" + q);
            }
        }
        connect("s3cret");
        awaitAnswer("grand-montreal-es", NO);
        awaitAnswer("grand-montreal-fr", YES);

        // Montréal caller choosing Spanish (3): no Spanish agent anywhere, so an interpreter.
        assertEquals(new Action.BridgeInterpreter("grand-montreal-fr", "es"), decision("+15145550100", "3", "1"));
        // Québec City caller choosing English (2): no English agent at home, Montréal's take it.
        assertEquals(new Action.Enqueue("grand-montreal-en", "en-CA"), decision("4185230100", "2", "1"));

        // A Spanish agent logs in: the next Spanish caller reaches them directly.
        ami.addMember("grand-montreal-es", "PJSIP/agent-es1");
        awaitAnswer("grand-montreal-es", YES);
        assertEquals(new Action.Enqueue("grand-montreal-es", "es"), decision("+15145550100", "3", "1"));

        // AMI lost: unknown again, so the configured languages count (English at home in Québec).
        ami.refuseConnections(true);
        ami.dropConnections();
        awaitAnswer("quebec-regions-en", UNKNOWN);
        assertEquals(new Action.Enqueue("quebec-regions-en", "en-CA"), decision("4185230100", "2", "1"));
    }

    /** The last action after these keys, on the shipped configuration at an open hour with this staffing. */
    private Action decision(String from, String... digits) {
        CallSession s = Fixtures.engineAt(OPEN, staffing).newCall(new CallStart("ami", "test", from, "211"));
        List<Action> turn = s.begin();
        for (String d : digits) {
            turn = s.handle(new Event.Digits(d));
        }
        return turn.get(turn.size() - 1);
    }
}
