package org.aiguilleur.records;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.records.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges records older than the retention age: once shortly after start, then every hour. The age
 * is measured on the injected clock, so tests (and a rehearsal clock) decide what "now" is.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RecordStore store;
    private final InstantSource clock;
    private final Duration age;
    private ScheduledExecutorService timer;

    public RetentionJob(RecordStore store, InstantSource clock, Duration age) {
        this.store = store;
        this.clock = clock;
        this.age = age;
    }

    /** Starts the schedule. */
    public RetentionJob start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "records-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runQuietly, 1, 60, TimeUnit.MINUTES);
        return this;
    }

    /** Purges now; returns how many call records went. */
    public int purgeOnce() throws SQLException {
        Instant cutoff = clock.instant().minus(age);
        int n = store.purgeBefore(cutoff);
        if (n > 0) {
            LOG.info("records retention: purged {} call record(s) first seen before {}", n, cutoff);
        }
        return n;
    }

    private void runQuietly() {
        try {
            purgeOnce();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("records retention: purge failed ({}); tried again in an hour", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
