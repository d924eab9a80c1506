package org.aiguilleur.agi;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;

/**
 * Asterisk-Java's FastAGI server with Aiguilleur's call threads. Asterisk-Java's own pool refuses
 * the 501st concurrent call; here a call is refused only past {@code maxCalls}, and calls run on
 * {@link CallThreads}. A refused call's socket is closed at once, so the dialplan goes on with an
 * empty outcome (the default queue) instead of waiting.
 */
final class CallServer extends DefaultAgiServer {
    private final Semaphore calls;
    private final int maxCalls;
    private final ExecutorService threads = CallThreads.create();
    private final CountDownLatch bound = new CountDownLatch(1);

    CallServer(MappingStrategy mapping, int maxCalls) {
        super(mapping);
        this.maxCalls = maxCalls;
        this.calls = new Semaphore(maxCalls);
    }

    /** Asterisk-Java's socket with smaller per-call buffers and a longer accept queue ({@link AgiServerSocket}). */
    @Override
    protected ServerSocketFacade createServerSocket() throws IOException {
        ServerSocketFacade socket = new AgiServerSocket(getPort(), getAddress());
        bound.countDown();
        return socket;
    }

    /** Waits until the server socket is bound; false if that took longer than {@code millis}. */
    boolean awaitBound(long millis) throws InterruptedException {
        return bound.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void execute(Runnable call) {
        if (isDie()) {
            throw new RejectedExecutionException("the server is stopping");
        }
        if (!calls.tryAcquire()) {
            throw new RejectedExecutionException(maxCalls + " calls in progress (server.agi.max-calls)");
        }
        try {
            threads.execute(() -> {
                try {
                    call.run();
                } finally {
                    calls.release();
                }
            });
        } catch (RejectedExecutionException e) {
            calls.release();
            throw e;
        }
    }

    int maxCalls() {
        return maxCalls;
    }

    /** Calls in progress now. */
    int activeCalls() {
        return maxCalls - calls.availablePermits();
    }

    @Override
    public synchronized void shutdown() {
        super.shutdown();
        threads.shutdown();
    }

    /** Waits for calls in progress to end after {@link #shutdown()}. */
    boolean awaitCalls(long millis) throws InterruptedException {
        return threads.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
