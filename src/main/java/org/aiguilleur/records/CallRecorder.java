package org.aiguilleur.records;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.aiguilleur.records.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallEvents} the front doors emit to: {@link #emit} gives the event an id and puts it on
 * a bounded in-memory queue, and returns at once. One writer thread takes batches from the queue,
 * hashes caller numbers, appends the batch to the {@link Journal} (fsync: from then on the batch is
 * <em>acknowledged</em> and survives a crash), then stores it in the database in one transaction and
 * empties the journal. While the database is away batches pile up in the journal only; when it
 * returns the journal is replayed in order. Events carry ids and the store applies each id once, so
 * a replay after a crash between the commit and the emptying of the journal changes nothing.
 *
 * <p>If the journal cannot be written (disk full or failing, its file deleted or its folder replaced,
 * or it could not even be opened at start) the call is never the one to suffer: batches go straight
 * to the database while it answers (acknowledged at the commit) and wait in memory, bounded by the
 * queue capacity, while it does not. This is logged once as an error, counted in
 * {@link Stats#unjournaled()}, and the journal is opened again by itself, with the same back-off as
 * the database ({@link JournalKeeper}). Events already in a journal whose file was lost are read back through its open
 * channel and stored (or copied into the new journal), never dropped.
 *
 * <p>If the in-memory queue is full (the disk and the database both stalled) an event is dropped
 * and counted rather than slowing the call; {@link #stats()} tells.
 */
public final class CallRecorder implements CallEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    /**
     * What the recorder has done so far. {@code acknowledged}: journaled (fsync) or, while the journal
     * fails, committed straight to the database. {@code backlog}: journaled but not yet in the database.
     * {@code unjournaled}: events the journal could not take (stored straight, waiting in memory, or
     * dropped). {@code journalUp}: false while the journal cannot be written. {@code alreadyStored}:
     * events found in the database already when written (a commit whose answer the connection lost, or
     * a journal replayed after a crash), so not written twice and not counted in {@code stored}.
     */
    public record Stats(long emitted, long acknowledged, long stored, long dropped, long backlog, boolean databaseUp,
                        boolean journalUp, long unjournaled, long alreadyStored) {
    }

    private record Pending(String id, CallEvent event) {
    }

    private final RecordStore store;
    private final CallerHash hash;
    private final int batchSize;
    private final int capacity;
    private final Duration retryMin;
    private final Duration retryMax;
    private final BlockingQueue<Pending> queue;
    private final JournalKeeper journal;
    private final Thread writer;
    // Batches the journal could not take (disk failure), retried before anything newer.
    private final Deque<List<StoredEvent>> unjournaled = new ArrayDeque<>();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong alreadyStored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong notJournaled = new AtomicLong();
    private volatile boolean databaseUp = true;
    private volatile boolean running = true;
    private long nextTry;
    private Duration backoff;

    /**
     * Opens the journal (replaying nothing yet: the writer does it first) and starts the writer. A
     * journal that cannot be opened (a disk failure) does not stop it: see the class comment.
     *
     * @param retryMin the first wait before trying the database (or the journal) again after a failure; doubles up to {@code retryMax}
     * @throws IOException another process holds the journal
     */
    public static CallRecorder start(RecordStore store, Path journalFile, CallerHash hash,
                                     int capacity, int batchSize, Duration retryMin, Duration retryMax) throws IOException {
        return new CallRecorder(store, journalFile, hash, capacity, batchSize, retryMin, retryMax);
    }

    private CallRecorder(RecordStore store, Path journalFile, CallerHash hash, int capacity, int batchSize,
                         Duration retryMin, Duration retryMax) throws Journal.InUse {
        this.store = store;
        this.hash = hash;
        this.batchSize = batchSize;
        this.capacity = capacity;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.backoff = retryMin;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.journal = new JournalKeeper(journalFile, batchSize, String.valueOf(capacity), retryMin, retryMax,
                notJournaled::get);
        this.writer = new Thread(this::run, "records-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void emit(CallEvent event) {
        try {
            if (event == null || !running) {
                return;
            }
            emitted.incrementAndGet();
            if (!queue.offer(new Pending(UUID.randomUUID().toString(), event))) {
                if (dropped.incrementAndGet() % 1000 == 1) {
                    LOG.error("records queue full: {} event(s) dropped so far (disk and database stalled?)", dropped.get());
                }
            }
        } catch (RuntimeException | Error e) {
            // Never into the call's thread.
            dropped.incrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(emitted.get(), acknowledged.get(), stored.get(), dropped.get(), journal.backlog(), databaseUp,
                journal.up(), notJournaled.get(), alreadyStored.get());
    }

    /** Waits until everything emitted so far is in the database (tests, benchmarks, shutdown); false on time-out. */
    public boolean awaitStored(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Stats s = stats();
            if (queue.isEmpty() && s.backlog() == 0 && s.stored() + s.alreadyStored() + s.dropped() >= s.emitted()
                    && unjournaledEmpty()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private synchronized boolean unjournaledEmpty() {
        return unjournaled.isEmpty();
    }

    private void run() {
        List<Pending> taken = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                taken.clear();
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    taken.add(first);
                    queue.drainTo(taken, batchSize - 1);
                }
                step(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("records writer: unexpected {}; carrying on", e.getClass().getSimpleName(), e);
            }
        }
        // Last chance before stopping: whatever is not stored stays journaled for the next start.
        try {
            step(List.of());
        } catch (RuntimeException e) {
            LOG.error("records writer: unexpected {} while stopping", e.getClass().getSimpleName(), e);
        }
    }

    private void step(List<Pending> taken) {
        List<StoredEvent> batch = new ArrayList<>(taken.size());
        for (Pending p : taken) {
            String h = p.event() instanceof CallEvent.IvrEnded ivr ? hash.hash(ivr.start().callerId()) : null;
            batch.add(new StoredEvent(p.id(), p.event(), h));
        }
        if (!batch.isEmpty()) {
            synchronized (this) {
                unjournaled.addLast(batch);
                // Disk and database both failing: memory is bounded too; the oldest batch goes first.
                while (unjournaled.size() * (long) batchSize > capacity && unjournaled.size() > 1) {
                    int lost = unjournaled.removeFirst().size();
                    dropped.addAndGet(lost);
                    notJournaled.addAndGet(lost);
                    LOG.error("records: {} event(s) dropped: neither the journal nor the database takes them", lost);
                }
            }
        }
        journal.retryIfDue();
        boolean wasEmpty = journal.empty();
        List<List<StoredEvent>> appended = journalPending();
        storeAll(wasEmpty ? appended : null);
    }

    /**
     * Stores what is journaled, then what the journal could not take. {@code fresh}: when not null,
     * the journal holds exactly these batches (the usual case), stored without reading the file back.
     */
    /** Writes a batch; events already there (their commit's answer was lost) are counted apart. */
    private void apply(List<StoredEvent> chunk) throws java.sql.SQLException {
        int fresh = store.apply(chunk);
        stored.addAndGet(fresh);
        alreadyStored.addAndGet(chunk.size() - fresh);
    }

    private void storeAll(List<List<StoredEvent>> fresh) {
        if (!journal.pending() && unjournaledEmpty()) {
            return;
        }
        if (!databaseUp && System.nanoTime() < nextTry) {
            return;
        }
        try {
            journal.storeInto(this::apply, fresh);
            storeUnjournaled();
            if (!databaseUp) {
                LOG.info("records database is back: journal replayed");
            }
            databaseUp = true;
            backoff = retryMin;
        } catch (SQLException e) {
            if (databaseUp) {
                LOG.warn("records database unreachable ({}); events wait {} until it returns", e.getMessage(),
                        journal.up() ? "in the journal" : "in memory (the journal fails too)");
            }
            databaseUp = false;
            nextTry = System.nanoTime() + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
        } catch (IOException e) {
            // A journal that cannot be read back: its events stay in it, tried again later.
            nextTry = System.nanoTime() + backoff.toNanos();
        }
    }

    /**
     * Moves batches the journal has not taken yet into it, oldest first.
     *
     * @return the batches appended
     */
    private List<List<StoredEvent>> journalPending() {
        List<List<StoredEvent>> appended = new ArrayList<>(1);
        while (true) {
            List<StoredEvent> next;
            synchronized (this) {
                next = unjournaled.peekFirst();
            }
            if (next == null || !journal.append(next)) {
                return appended;
            }
            appended.add(next);
            acknowledged.addAndGet(next.size());
            synchronized (this) {
                unjournaled.removeFirst();
            }
        }
    }

    /** With the journal failing, stores in-memory batches straight into the database. */
    private void storeUnjournaled() throws SQLException {
        while (true) {
            List<StoredEvent> next;
            synchronized (this) {
                next = unjournaled.peekFirst();
            }
            if (next == null) {
                return;
            }
            apply(next);
            acknowledged.addAndGet(next.size());
            notJournaled.addAndGet(next.size());
            synchronized (this) {
                unjournaled.removeFirst();
            }
        }
    }

    /**
     * Stops taking events, stores (or journals) what was emitted, and closes the journal. Events not in
     * the database stay in the journal and are stored at the next start.
     */
    @Override
    public void close() throws IOException {
        running = false;
        try {
            writer.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int waiting;
        synchronized (this) {
            waiting = unjournaled.stream().mapToInt(List::size).sum();
        }
        if (waiting > 0) {
            LOG.error("records: {} event(s) lost at shutdown: neither the journal nor the database took them", waiting);
        }
        journal.close();
    }
}
