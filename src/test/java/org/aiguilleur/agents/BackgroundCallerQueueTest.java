package org.aiguilleur.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The door hands changes to the shared store's thread: it never waits for it, and the order holds. */
class BackgroundCallerQueueTest {

    @Test
    void slowStore_neverHoldsTheDoor_andChangesKeepTheirOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> told = new CopyOnWriteArrayList<>();
        CallerQueue slow = new CallerQueue() {
            @Override
            public void waiting(WaitingCaller caller) {
                await(release);
                told.add("waiting " + caller.callId());
            }

            @Override
            public void left(String callId) {
                told.add("left " + callId);
            }
        };
        try (BackgroundCallerQueue queue = new BackgroundCallerQueue(slow)) {
            assertTrue(queue.immediate());
            long start = System.nanoTime();
            queue.waiting(new WaitingCaller("CA1", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", Instant.EPOCH));
            queue.left("CA1");
            queue.left("CA2");
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "the door waited for the store");
            assertEquals(List.of(), told);
            release.countDown();
        }
        assertEquals(List.of("waiting CA1", "left CA1", "left CA2"), told, "close tells what was handed over, in order");
    }

    @Test
    void failingStore_isLogged_andTheNextChangeIsStillTold() {
        List<String> told = new CopyOnWriteArrayList<>();
        CallerQueue failing = new CallerQueue() {
            @Override
            public void waiting(WaitingCaller caller) {
                throw new IllegalStateException("database away");
            }

            @Override
            public void left(String callId) {
                told.add("left " + callId);
            }
        };
        try (BackgroundCallerQueue queue = new BackgroundCallerQueue(failing)) {
            queue.waiting(new WaitingCaller("CA1", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", Instant.EPOCH));
            queue.left("CA1");
        }
        assertEquals(List.of("left CA1"), told);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
