package org.aiguilleur.flow;

import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Never drop a call: failures of queues, transfers and of the engine itself still reach a person. */
class EngineSafetyTest {
    static final Instant OPEN = local("2026-11-24T10:00");
    static final Instant EVENING = local("2026-11-24T18:00");

    private static CallSession started(Engine engine, String from, String... digits) {
        CallSession s = engine.newCall(new CallStart("safety", "test", from, "211"));
        s.begin();
        for (String d : digits) {
            s.handle(new Event.Digits(d));
        }
        return s;
    }

    private static Action last(List<Action> turn) {
        return turn.get(turn.size() - 1);
    }

    @Test
    void promptCatalogThatThrows_sendsTheCallerToTheDefaultQueue() {
        Configuration c = Fixtures.shipped();
        PromptCatalog broken = (id, lang) -> {
            throw new IllegalStateException("disk gone");
        };
        Engine engine = new Engine(c.flow(), broken, c.regions(), c.router(), Clock.fixed(OPEN, Fixtures.QUEBEC),
                LiveStaffing.UNKNOWN, "grand-montreal-fr");
        CallSession s = engine.newCall(new CallStart("e1", "test", "+15145550100", "211"));
        List<Action> turn = s.begin();
        assertEquals(List.of(new Action.Enqueue("grand-montreal-fr", "fr-CA")), turn);
        assertEquals(Optional.of(Outcome.QUEUED), s.result().outcome());
        assertTrue(s.result().error().orElseThrow().contains("disk gone"));
        assertTrue(s.finished());
    }

    @Test
    void staffingThatThrows_stillQueuesAtTheDefaultQueue() {
        LiveStaffing broken = q -> {
            throw new IllegalStateException("AMI down");
        };
        CallSession s = started(Fixtures.engineAt(OPEN, broken), "+15145550100", "2");
        List<Action> turn = s.handle(new Event.Digits("1"));
        assertEquals(new Action.Enqueue("grand-montreal-fr", "en-CA"), last(turn));
    }

    @Test
    void languageWhoseAgentsAreAllLoggedOut_countsAsNotSpoken() {
        LiveStaffing noSpanish = q -> Optional.of(!q.endsWith("-es"));
        CallSession s = started(Fixtures.engineAt(OPEN, noSpanish), "+15145550100", "3");
        List<Action> turn = s.handle(new Event.Digits("1"));
        assertEquals(new Action.BridgeInterpreter("grand-montreal-fr", "es"), last(turn));
    }

    @Test
    void englishAgentsLoggedOutAtHome_theOtherCentreTakesTheCall() {
        LiveStaffing noEnglishInQuebec = q -> Optional.of(!q.equals("quebec-regions-en"));
        CallSession s = started(Fixtures.engineAt(OPEN, noEnglishInQuebec), "4185230100", "2");
        assertEquals(new Action.Enqueue("grand-montreal-en", "en-CA"), last(s.handle(new Event.Digits("1"))));
    }

    @Test
    void queueTimeout_overflowsToTheOtherOpenCentre() {
        CallSession s = started(Fixtures.engineAt(OPEN), "4185230100", "1");
        assertEquals(new Action.Enqueue("quebec-regions-fr", "fr-CA"), last(s.handle(new Event.Digits("1"))));
        List<Action> next = s.handle(new Event.QueueEnded(Event.QueueStatus.TIMEOUT));
        assertEquals(new Action.Enqueue("grand-montreal-fr", "fr-CA"), last(next));
        assertEquals(Optional.of("grand-montreal-fr"), s.result().queue());
    }

    @Test
    void everyQueueFails_offersACallBack() {
        CallSession s = started(Fixtures.engineAt(OPEN), "4185230100", "1", "1");
        s.handle(new Event.QueueEnded(Event.QueueStatus.FULL));
        List<Action> busy = s.handle(new Event.QueueEnded(Event.QueueStatus.EMPTY));
        Action.Collect offer = (Action.Collect) last(busy);
        assertEquals("all-busy", offer.step());
        // No queue takes the call any more: the result says so, not the queue that failed last.
        assertEquals(Optional.of(Outcome.AFTER_HOURS), s.result().outcome());
        assertEquals(Optional.empty(), s.result().queue());
        assertEquals(Optional.of(CallSession.ALL_BUSY), s.result().closedReason());
        assertEquals(Optional.of(false), s.result().callback());
        Action record = last(s.handle(new Event.Digits("1")));
        assertTrue(record instanceof Action.Record, record.toString());
        List<Action> end = s.handle(new Event.Recorded("/var/spool/211/callback-safety.wav", java.time.Duration.ofSeconds(12)));
        assertEquals(new Action.Hangup(), last(end));
        assertEquals(Optional.of(true), s.result().callback());
        assertEquals(Optional.of("/var/spool/211/callback-safety.wav"), s.result().recording());
    }

    @Test
    void queueOnlyClosedCentresLeft_whenHomeClosed_offersCallBackNotAfterHours() {
        CallSession s = started(Fixtures.engineAt(EVENING), "4185230100", "1");
        assertEquals(new Action.Enqueue("grand-montreal-fr", "fr-CA"), last(s.handle(new Event.Digits("1"))));
        Action.Collect offer = (Action.Collect) last(s.handle(new Event.QueueEnded(Event.QueueStatus.TIMEOUT)));
        assertEquals("all-busy", offer.step());
        assertEquals(Optional.of(CallSession.ALL_BUSY), s.result().closedReason(), "not the home centre's hours");
        assertEquals(Optional.of(Outcome.AFTER_HOURS), s.result().outcome());
    }

    @Test
    void errorWhileOverflowing_queuesAtTheDefaultQueueAgain() {
        Configuration c = Fixtures.shipped();
        PromptCatalog broken = (id, lang) -> {
            throw new IllegalStateException("disk gone");
        };
        Engine engine = new Engine(c.flow(), broken, c.regions(), c.router(), Clock.fixed(OPEN, Fixtures.QUEBEC),
                LiveStaffing.UNKNOWN, "grand-montreal-fr");
        CallSession s = engine.newCall(new CallStart("e2", "test", "+15145550100", "211"));
        assertEquals(List.of(new Action.Enqueue("grand-montreal-fr", "fr-CA")), s.begin());
        List<Action> next = s.handle(new Event.QueueEnded(Event.QueueStatus.TIMEOUT));
        assertEquals(List.of(new Action.Enqueue("grand-montreal-fr", "fr-CA")), next);
    }

    @Test
    void queueEventAfterATransfer_isIgnored() {
        CallSession s = started(Fixtures.engineAt(OPEN), "+15145550100", "1", "8");
        assertEquals(List.of(), s.handle(new Event.QueueEnded(Event.QueueStatus.TIMEOUT)));
        assertEquals(Optional.of(Outcome.TRANSFERRED), s.result().outcome());
        assertTrue(s.result().error().isEmpty(), s.result().error().toString());
    }

    @Test
    void answeredQueue_endsTheEnginesPart() {
        CallSession s = started(Fixtures.engineAt(OPEN), "+15145550100", "1", "1");
        assertEquals(List.of(), s.handle(new Event.QueueEnded(Event.QueueStatus.ANSWERED)));
        assertTrue(s.finished());
        assertEquals(Optional.of(Outcome.QUEUED), s.result().outcome());
    }

    @Test
    void failedTransferTo811_landsWithA211Agent() {
        CallSession s = started(Fixtures.engineAt(OPEN), "+15145550100", "1");
        List<Action> transfer = s.handle(new Event.Digits("8"));
        assertEquals(new Action.Transfer("811", "info-sante"), last(transfer));
        assertEquals(new Action.Enqueue("grand-montreal-fr", "fr-CA"),
                last(s.handle(new Event.TransferFailed("busy"))));
        assertEquals(Optional.of(Outcome.QUEUED), s.result().outcome());
        assertEquals(Optional.of("811"), s.result().transferTo());
    }

    @Test
    void garbledInput_isAFailedAttemptNotACrash() {
        CallSession s = started(Fixtures.engineAt(OPEN), "+15145550100");
        s.handle(new Event.Invalid("200 result=abc"));
        List<Action> turn = s.handle(new Event.Invalid("???"));
        assertEquals("need", ((Action.Collect) last(turn)).step());
        assertEquals(Optional.of("fr-CA"), s.result().language());
    }

    @Test
    void eventsBeforeBegin_areRefusedWithoutDroppingAnything() {
        CallSession s = Fixtures.engineAt(OPEN).newCall(new CallStart("early", "test", "", ""));
        List<Action> turn = s.handle(new Event.Digits("1"));
        assertEquals(List.of(new Action.Enqueue("grand-montreal-fr", "fr-CA")), turn);
    }

    @Test
    void collectActions_carryTheMenusKeysAndTimeout() {
        CallSession s = Fixtures.engineAt(OPEN).newCall(new CallStart("k", "test", "+15145550100", ""));
        Action.Collect language = (Action.Collect) last(s.begin());
        assertEquals("12349", language.keys());
        assertEquals(1, language.maxDigits());
        assertEquals(java.time.Duration.ofSeconds(5), language.timeout());
        Action.Collect postal = (Action.Collect) last(
                Fixtures.engineAt(OPEN).newCall(new CallStart("k2", "test", "anonymous", "")).begin());
        assertEquals("language", postal.step());
    }
}
