package org.aiguilleur.agi;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiguilleur.testing.FakeAsterisk;
import org.aiguilleur.testing.FakeAsterisk.Call;
import org.aiguilleur.testing.FakeAsterisk.Env;
import org.junit.jupiter.api.Test;

/** The door's ceiling: Asterisk-Java alone refuses the 501st concurrent call; this door does not. */
class AgiCapacityTest {

    @Test
    void moreThan500ConcurrentCalls_areAllServed() throws Exception {
        int calls = 520;
        try (RunningDoor door = RunningDoor.at(AgiJourneyTest.OPEN)) {
            // The first prompt plays 8 s: long enough for all 520 callers to connect while the first still
            // listen, even on a loaded 2-core machine (at 3 s, a busy one once reached only 340 at a time).
            FakeAsterisk asterisk = door.asterisk().pace(Duration.ofMillis(8000));
            AtomicInteger peak = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(door.door.activeCalls(), Math::max);
                    sleepQuietly();
                }
            });
            sampler.start();
            ExecutorService pool = Executors.newFixedThreadPool(calls);
            List<CompletableFuture<Call>> all = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                // Each caller hangs up during the first prompt: the calls overlap.
                all.add(CompletableFuture.supplyAsync(() -> asterisk.call(Env.standard(), caller().hangUp()), pool));
            }
            for (CompletableFuture<Call> f : all) {
                Call c = f.get(60, TimeUnit.SECONDS);
                assertEquals("hangup", c.variable("AIGUILLEUR_OUTCOME"), c.toString());
            }
            running.set(false);
            sampler.join();
            pool.shutdown();
            assertTrue(peak.get() > 500, "peak concurrent calls " + peak.get());
        }
    }

    @Test
    void pastMaxCalls_theCallIsRefusedAtOnce_soTheDialplanQueuesIt() throws Exception {
        try (RunningDoor door = RunningDoor.at(AgiJourneyTest.OPEN, 2)) {
            FakeAsterisk slow = door.asterisk().pace(Duration.ofMillis(3000));
            ExecutorService two = Executors.newFixedThreadPool(2);
            List<CompletableFuture<Call>> held = List.of(
                    CompletableFuture.supplyAsync(() -> slow.call(Env.standard(), caller().hangUp()), two),
                    CompletableFuture.supplyAsync(() -> slow.call(Env.standard(), caller().hangUp()), two));
            for (int i = 0; i < 1000 && door.door.activeCalls() < 2; i++) {
                Thread.sleep(2);
            }
            assertEquals(2, door.door.activeCalls());
            Call refused = door.asterisk().call(Env.standard(), caller());
            assertEquals(List.of(), refused.commands, "the socket is closed without a command");
            assertEquals(null, refused.variable("AIGUILLEUR_OUTCOME"));
            for (CompletableFuture<Call> f : held) {
                assertEquals("hangup", f.get(10, TimeUnit.SECONDS).variable("AIGUILLEUR_OUTCOME"));
            }
            two.shutdown();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
