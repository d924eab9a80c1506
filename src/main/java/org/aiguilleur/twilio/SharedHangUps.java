package org.aiguilleur.twilio;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.records.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hang-ups between instances behind a load balancer, through the records database's table
 * {@code call_hangup}. A final status that reaches an instance not holding the call is queued here
 * ({@link #published}; the webhook does no database work) and written by the next {@link #poll}.
 * Every instance polls: a row for a call it holds is claimed (one {@code UPDATE ... WHERE handled_by
 * IS NULL}, so exactly one instance wins) and the call's engine hears the hang-up at the time it
 * happened, which reports the queue abandoned, the IVR ended and the call ended as a local hang-up
 * would. A row nobody claims within {@code orphanAfter} (no instance holds the call any more, after a
 * restart for instance) is claimed by whoever sees it first, which records the call's end.
 */
public final class SharedHangUps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedHangUps.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Handled rows are kept this long (late polls of a slow instance find them claimed), then deleted. */
    private static final Duration KEEP = Duration.ofHours(1);

    private final Database db;
    private final TwilioCalls calls;
    private final CallEvents events;
    private final InstantSource clock;
    private final Duration orphanAfter;
    private final String instance;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService scheduler;

    private record Pending(String callSid, Instant at) {
    }

    SharedHangUps(Database db, TwilioCalls calls, CallEvents events, InstantSource clock, Duration orphanAfter) {
        this.db = Objects.requireNonNull(db, "db");
        this.calls = calls;
        this.events = events;
        this.clock = clock;
        this.orphanAfter = orphanAfter;
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        this.instance = HexFormat.of().formatHex(id);
    }

    /** This instance's name in {@code call_hangup} (random, per process). */
    public String instance() {
        return instance;
    }

    /** A final status for a call this instance does not hold: published at the next poll. */
    void published(String callSid, Instant at) {
        pending.add(new Pending(callSid, at));
    }

    /** Polls every {@code every} on {@code scheduler} (which {@link #close} then shuts down). */
    public SharedHangUps start(ScheduledExecutorService scheduler, Duration every) {
        this.scheduler = scheduler;
        scheduler.scheduleWithFixedDelay(this::pollQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("shared hang-ups: poll failed ({}); retried at the next", e.getMessage());
        }
    }

    /**
     * Writes the hang-ups queued here, then feeds those published for calls this instance holds to
     * their engines, records the end of calls nobody holds, and deletes old handled rows.
     *
     * @return how many hang-ups this poll handled (fed or recorded)
     * @throws SQLException when the database fails; queued hang-ups stay queued
     */
    public int poll() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            publish(c, now);
            int handled = 0;
            for (Row r : unclaimed(c)) {
                boolean held = calls.holds(r.callSid);
                boolean orphan = !held && r.publishedAt.isBefore(now.minus(orphanAfter));
                if ((held || orphan) && claim(c, r.seq, held ? instance : "none:" + instance)) {
                    // Held: the engine hears it then (and reports). Gone from memory meanwhile: record the end here.
                    if (!calls.hangUpIfHeld(r.callSid, r.endedAt)) {
                        events.emit(new CallEvent.CallEnded(r.callSid, r.endedAt));
                    }
                    handled++;
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM call_hangup WHERE handled_by IS NOT NULL AND published_at < ?")) {
                setInstant(s, 1, now.minus(KEEP));
                s.executeUpdate();
            }
            return handled;
        }
    }

    private void publish(Connection c, Instant now) throws SQLException {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = pending.peek(); p != null && batch.size() < 500; p = pending.peek()) {
            batch.add(pending.poll());
        }
        if (batch.isEmpty()) {
            return;
        }
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO call_hangup (call_id, ended_at, published_at, published_by)"
                + " VALUES (?, ?, ?, ?)")) {
            for (Pending p : batch) {
                s.setString(1, p.callSid);
                setInstant(s, 2, p.at);
                setInstant(s, 3, now);
                s.setString(4, instance);
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
        } catch (SQLException e) {
            // All or nothing: kept for the next poll.
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; the pool discards it.
            }
            pending.addAll(batch);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private record Row(long seq, String callSid, Instant endedAt, Instant publishedAt) {
    }

    private static List<Row> unclaimed(Connection c) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT seq, call_id, ended_at, published_at FROM call_hangup"
                + " WHERE handled_by IS NULL ORDER BY seq"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
        return out;
    }

    private static boolean claim(Connection c, long seq, String by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE call_hangup SET handled_by = ? WHERE seq = ? AND handled_by IS NULL")) {
            s.setString(1, by);
            s.setLong(2, seq);
            return s.executeUpdate() == 1;
        }
    }

    private static void setInstant(PreparedStatement s, int i, Instant v) throws SQLException {
        s.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC));
    }

    /** Stops polling; hang-ups still queued are written first, when the database answers. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (!pending.isEmpty()) {
            try (Connection c = db.connection()) {
                publish(c, clock.instant());
            } catch (SQLException e) {
                LOG.warn("shared hang-ups: {} not published at shutdown ({})", pending.size(), e.getMessage());
            }
        }
    }
}
