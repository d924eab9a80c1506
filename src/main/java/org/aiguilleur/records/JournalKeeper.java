package org.aiguilleur.records;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder's {@link Journal} through disk failures. While it cannot be written (disk full or
 * failing, its file deleted or its folder replaced, or it could not be opened at all) {@link #append}
 * says so and the recorder stores straight to the database. A journal whose file was lost while it
 * held events not yet stored is kept open as an <em>orphan</em>: its events are read back through its
 * channel, into the database or into the next journal, never dropped. The journal is tried again after
 * a back-off. An outage is logged once when it starts and once when a batch is written again.
 * Writer thread only, except {@link #up()} and {@link #backlog()}.
 */
final class JournalKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final Path file;
    private final int batchSize;
    private final String memoryLimit;
    private final Duration retryMin;
    private final Duration retryMax;
    private final LongSupplier notJournaled;
    // The journal in use; null while it cannot be opened.
    private Journal journal;
    // Everything in the journal is in the database; only its emptying failed.
    private boolean stored;
    // Journals whose file was lost while they held events not yet in the database, oldest first.
    private final Deque<Journal> orphans = new ArrayDeque<>();
    private boolean outage;
    private volatile boolean up = true;
    private volatile long backlog;
    private long nextTry;
    private Duration backoff;

    /**
     * @param memoryLimit  how many events wait in memory at most, for the message
     * @param notJournaled the count of events the journal could not take, for the message
     * @throws Journal.InUse another process holds the journal; any other failure only starts an outage
     */
    JournalKeeper(Path file, int batchSize, String memoryLimit, Duration retryMin, Duration retryMax,
                  LongSupplier notJournaled) throws Journal.InUse {
        this.file = file;
        this.batchSize = batchSize;
        this.memoryLimit = memoryLimit;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.backoff = retryMin;
        this.notJournaled = notJournaled;
        try {
            journal = new Journal(file);
            if (journal.size() > 0) {
                LOG.info("records journal holds {} earlier event(s): they are stored once the database answers", journal.size());
            }
        } catch (Journal.InUse e) {
            throw e;
        } catch (IOException e) {
            failed(e);
        }
        refresh();
    }

    /** Takes what it holds: a chunk of journaled events; may fail (the database is away), which stops it. */
    interface Sink<X extends Exception> {
        void accept(List<StoredEvent> events) throws X;
    }

    /** Whether the journal is in use (false during an outage). */
    boolean up() {
        return up;
    }

    /** Events journaled (in the journal or orphans) and not yet in the database. */
    long backlog() {
        return backlog;
    }

    /** Whether there is anything to store or to empty. */
    boolean pending() {
        return backlog > 0 || stored;
    }

    /** Whether the journal in use holds nothing: what is appended next is all it holds. */
    boolean empty() {
        return up && journal != null && journal.size() == 0 && !stored;
    }

    /** During an outage, when the back-off has passed: opens the journal again (or checks the one kept). */
    void retryIfDue() {
        if (!up && System.nanoTime() >= nextTry) {
            reopen();
        }
    }

    /**
     * Appends and fsyncs a batch: from then on it is acknowledged.
     *
     * @return false when the journal cannot take it (the outage is started or goes on)
     */
    boolean append(List<StoredEvent> batch) {
        if (!up) {
            return false;
        }
        try {
            if (!journal.intact()) {
                throw new NoSuchFileException(file.toString(), null, "deleted, or its folder replaced");
            }
            journal.append(batch);
        } catch (IOException e) {
            failed(e);
            return false;
        } finally {
            refresh();
        }
        wrote();
        return true;
    }

    /**
     * Gives the orphans' events, then the journal's, to {@code sink}, and empties the journal.
     *
     * @param fresh when not null, what the journal holds (the batches just appended to an empty
     *              journal), given without reading the file back
     * @throws IOException a journal cannot be read back: its events stay, tried again later
     */
    <X extends Exception> void storeInto(Sink<X> sink, List<List<StoredEvent>> fresh) throws X, IOException {
        try {
            while (!orphans.isEmpty()) {
                Journal o = orphans.peekFirst();
                o.replay(batchSize, sink::accept);
                orphans.removeFirst();
                closeQuietly(o);
                LOG.info("records: the {} event(s) of the lost journal {} are in the database", o.size(), o.file());
            }
            if (journal != null && journal.size() > 0 && !stored) {
                if (fresh != null && !fresh.isEmpty()) {
                    for (List<StoredEvent> b : fresh) {
                        sink.accept(b);
                    }
                } else {
                    journal.replay(batchSize, sink::accept);
                }
                stored = true;
            }
            if (stored && up) {
                try {
                    journal.clear();
                    stored = false;
                } catch (IOException e) {
                    // Stored, so nothing is lost; kept (and replayed harmlessly) until the disk mends.
                    failed(e);
                }
            }
        } catch (IOException e) {
            failed(e);
            throw e;
        } finally {
            refresh();
        }
    }

    /** The journal cannot be written: an outage starts (said once) or goes on; a lost one is let go. */
    private void failed(IOException e) {
        if (!outage) {
            outage = true;
            LOG.error("records journal {} cannot be written ({}: {}): events go straight to the database while it"
                    + " answers and wait in memory (at most {}) while it does not; not crash-safe until the journal"
                    + " is back; retried by itself", file, e.getClass().getSimpleName(), e.getMessage(), memoryLimit);
        }
        up = false;
        nextTry = System.nanoTime() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
        letGoIfLost();
    }

    private void wrote() {
        if (outage) {
            outage = false;
            backoff = retryMin;
            LOG.info("records journal {} is written again ({} event(s) could not be journaled meanwhile)",
                    file, notJournaled.getAsLong());
        }
    }

    /** A journal whose file is gone is let go: kept as an orphan while it holds events not yet stored. */
    private void letGoIfLost() {
        if (journal != null && !journal.intact()) {
            if (journal.size() > 0 && !stored) {
                orphans.addLast(journal);
            } else {
                closeQuietly(journal);
            }
            journal = null;
            stored = false;
        }
    }

    private void reopen() {
        letGoIfLost();
        try {
            if (journal == null) {
                journal = new Journal(file);
                // A file found there (the disk came back) may hold events: replayed as any journal.
                stored = false;
            } else {
                journal.append(List.of()); // the disk takes an fsync again
                if (stored) {
                    journal.clear();
                    stored = false;
                }
            }
            while (!orphans.isEmpty()) {
                Journal o = orphans.peekFirst();
                o.replay(batchSize, journal::append);
                orphans.removeFirst();
                closeQuietly(o);
                wrote();
            }
        } catch (IOException e) {
            nextTry = System.nanoTime() + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
            return;
        } finally {
            refresh();
        }
        // In use again; the outage ends with the first batch written (a full disk still takes an empty fsync).
        up = true;
    }

    private void refresh() {
        long n = journal == null || stored ? 0 : journal.size();
        for (Journal o : orphans) {
            n += o.size();
        }
        backlog = n;
    }

    private static void closeQuietly(Journal j) {
        try {
            j.close();
        } catch (IOException e) {
            LOG.debug("records journal {}: close: {}", j.file(), e.toString());
        }
    }

    /** Closes the journal; orphans still holding events are said lost (the database never answered). */
    @Override
    public void close() throws IOException {
        for (Journal o : orphans) {
            LOG.error("records: {} event(s) of the lost journal {} lost at shutdown (the database did not answer)",
                    o.size(), o.file());
            closeQuietly(o);
        }
        orphans.clear();
        if (journal != null) {
            journal.close();
        }
    }
}
