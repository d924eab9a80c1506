package org.aiguilleur.agents;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CallerQueue} that tells another one on its own thread, in the order told: the door's
 * webhook returns at once, and a shared store's database transaction is never on the caller's path.
 * Matching then follows the webhook by a few milliseconds, which the caller cannot tell: Twilio's
 * queue holds them meanwhile. Order matters ({@code waiting} then {@code left} of one call), hence
 * one thread.
 */
public final class BackgroundCallerQueue implements CallerQueue, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCallerQueue.class);
    /** Changes waiting to be told, at most. */
    static final int CAPACITY = 10_000;
    private final CallerQueue target;
    private final ExecutorService thread;

    public BackgroundCallerQueue(CallerQueue target) {
        this.target = target;
        // Bounded: with the database away each change waits for a connection, and the backlog must not grow without end.
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY), r -> {
            Thread t = new Thread(r, "caller-queue");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void waiting(WaitingCaller caller) {
        run(() -> target.waiting(caller));
    }

    @Override
    public void left(String callId) {
        run(() -> target.left(callId));
    }

    /** Yes: a change is only handed to the thread (or refused when the backlog is full), never waited for. */
    @Override
    public boolean immediate() {
        return true;
    }

    private void run(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("caller queue failed ({}); the caller stays in the door's queue", e.getClass().getName());
                }
            });
        } catch (RejectedExecutionException e) {
            // Shut down, or the backlog is full (database away): the caller stays in Twilio's queue,
            // where the door's own queue hands them over; the tick matches the others later.
            LOG.warn("caller queue closed or full; a change was not told");
        }
    }

    /** Tells what was already handed over (for a few seconds at most), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
