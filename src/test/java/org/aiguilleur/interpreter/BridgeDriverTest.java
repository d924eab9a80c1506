package org.aiguilleur.interpreter;

import static org.aiguilleur.interpreter.BridgeHarness.BACKUP;
import static org.aiguilleur.interpreter.BridgeHarness.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.aiguilleur.interpreter.InterpreterCall.State;
import org.junit.jupiter.api.Test;

/** The driver carries out a call's commands on a door and feeds it the door's events in order. */
class BridgeDriverTest {
    private final BridgeHarness h = new BridgeHarness();
    private final List<String> done = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<RuntimeException> errors = new ArrayList<>();
    private BridgeDriver driver;
    private Consumer<Dial> onDial = d -> { };

    private final BridgeDriver.Legs legs = new BridgeDriver.Legs() {
        @Override
        public synchronized void dial(Dial dial) {
            done.add("dial " + dial.attempt() + " " + dial.provider());
            onDial.accept(dial);
        }

        @Override
        public synchronized void hangUp(int attempt) {
            done.add("hang up " + attempt);
        }

        @Override
        public synchronized void deliverAgent(BridgeCommand.DeliverAgent deliver) {
            done.add("agent " + deliver.queue());
        }

        @Override
        public synchronized void playToCaller(BridgeCommand.PlayToCaller play) {
            done.add("play " + play.prompts().get(0).id());
        }

        @Override
        public synchronized void endConference() {
            done.add("end");
        }
    };

    private BridgeDriver driver(Provider... providers) {
        BridgeDriver.Timers t = (delay, task) -> {
            timers.add(task);
            return () -> timers.remove(task);
        };
        driver = new BridgeDriver(h.call("pa", providers), legs, t, errors::add);
        return driver;
    }

    @Test
    void start_dialsBringsTheAgentAndPlaysTheWaitingMessage_thenATimerMovesToTheNextTry() {
        driver(PRIMARY, BACKUP).start();
        assertEquals(List.of("dial 1 primary", "agent grand-montreal-fr", "play interpreter-connecting"), done);
        assertEquals(1, timers.size());
        timers.remove(0).run();
        assertEquals(List.of("hang up 1", "dial 2 primary"), done.subList(3, 5));
    }

    @Test
    void aDialTheDoorCannotPlace_isAFailedTry_andTheNextOneIsDialled() {
        onDial = d -> {
            if (d.attempt() < 3) {
                throw new IllegalStateException("AMI not connected");
            }
        };
        driver(PRIMARY, BACKUP).start();
        assertEquals(List.of("dial 1 primary", "agent grand-montreal-fr", "play interpreter-connecting",
                "dial 2 primary", "dial 3 backup"), done);
        assertEquals(2, errors.size());
        assertEquals(List.of("failed", "failed"), h.records.stream().map(r -> r.outcome()).toList());
    }

    @Test
    void noDialPossibleAtAll_endsWithTheApology_andTheAgentStays() {
        onDial = d -> {
            throw new IllegalStateException("down");
        };
        driver(PRIMARY).start();
        assertEquals("play interpreter-unavailable", done.get(done.size() - 1));
        assertEquals(State.NO_INTERPRETER, driver.call().state());
        assertTrue(done.contains("agent grand-montreal-fr"));
    }

    @Test
    void anAnswerReportedFromInsideTheDial_isTakenAfterTheCurrentCommands() {
        onDial = d -> driver.on(new BridgeEvent.LegAnswered(d.attempt()));
        driver(PRIMARY).start();
        assertEquals(State.INTERPRETED, driver.call().state());
        assertEquals(3, done.size(), "dial, agent, play: the answer changed nothing else");
    }

    @Test
    void endingTheConference_cancelsPendingTimers() {
        driver(PRIMARY).start();
        driver.on(new BridgeEvent.CallerLeft());
        assertEquals(List.of("hang up 1", "end"), done.subList(3, 5));
        assertEquals(List.of(), timers);
    }

    @Test
    void eventsFromManyThreads_areTakenOneAtATime() throws Exception {
        driver(PRIMARY, BACKUP).start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                driver.on(n % 2 == 0 ? new BridgeEvent.AgentJoined() : new BridgeEvent.TimerFired(99));
            });
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        driver.on(new BridgeEvent.LegAnswered(1));
        driver.on(new BridgeEvent.CallerLeft());
        assertEquals(State.ENDED, driver.call().state());
        assertEquals(List.of("joined"), h.records.stream().map(r -> r.outcome()).toList());
        assertEquals(Duration.ZERO, h.records.get(0).interpreted());
    }
}
