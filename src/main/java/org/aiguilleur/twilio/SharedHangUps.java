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
 * Hang-ups with several instances behind a load balancer, through the records database's table
 * {@code call_hangup}. Twilio's callbacks for one call reach any instance, and each rebuilds the call
 * from the callback's signed token, so several instances may hold a copy of a call, the newest being
 * the one that took the last callback. A final status is queued here by whichever instance gets it
 * ({@link #published}: the webhook does no database work) and written by its next {@link #poll}.
 * Every instance polls, every second or so:
 * <ol>
 *   <li>for an unhandled row of a call it holds a copy of, it bids with how many events its copy took
 *       (a bid replaces a lower one only);</li>
 *   <li>once the row is {@code bidWindow} old (every instance has polled), the best bidder claims it
 *       (one {@code UPDATE ... WHERE handled_by IS NULL}: exactly one instance wins) and its engine
 *       hears the hang-up at the time it happened, which reports the queue abandoned, the IVR ended and
 *       the call ended, as a local hang-up would;</li>
 *   <li>a row still unhandled after {@code orphanAfter} (no instance holds the call, or the best
 *       bidder stopped) is claimed by the first instance to see it, which feeds its own copy if it has
 *       one, else records the call's end;</li>
 *   <li>an instance that sees a recently handled row for a call it holds drops its (older) copy
 *       quietly, so a late callback there changes nothing.</li>
 * </ol>
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
    private final Duration bidWindow;
    private final Duration orphanAfter;
    private final String instance;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService scheduler;
    private boolean down;

    private record Pending(String callSid, Instant at) {
    }

    SharedHangUps(Database db, TwilioCalls calls, CallEvents events, InstantSource clock, Duration bidWindow,
                  Duration orphanAfter) {
        this.db = Objects.requireNonNull(db, "db");
        this.calls = calls;
        this.events = events;
        this.clock = clock;
        this.bidWindow = bidWindow;
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
            if (down) {
                down = false;
                LOG.info("shared hang-ups: the records database answers again");
            }
        } catch (SQLException | RuntimeException e) {
            // Said once per outage; hang-ups wait in memory meanwhile (the webhooks answer as usual).
            if (!down) {
                down = true;
                LOG.warn("shared hang-ups: poll failed ({}); retried every second", e.getMessage());
            }
        }
    }

    /**
     * Writes the hang-ups queued here, bids for and claims those of calls this instance holds, feeds
     * the claimed ones to their engines, records the end of calls nobody holds, drops copies another
     * instance's engine ended, and deletes old handled rows.
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
                int held = calls.heldEvents(r.callSid);
                boolean mine = instance.equals(r.bidBy);
                if (held >= 0 && !mine && (r.bidEvents == null || r.bidEvents < held)) {
                    mine = bid(c, r.seq, held);
                }
                boolean due = r.publishedAt.isBefore(now.minus(bidWindow));
                boolean orphan = r.publishedAt.isBefore(now.minus(orphanAfter));
                if (((due && mine) || orphan) && claim(c, r.seq, now, !orphan)) {
                    // The engine hears it then (and reports). No copy here any more: record the end here.
                    if (!calls.hangUpIfHeld(r.callSid, r.endedAt)) {
                        events.emit(new CallEvent.CallEnded(r.callSid, r.endedAt));
                    }
                    handled++;
                }
            }
            for (String callSid : endedElsewhere(c, now)) {
                calls.forget(callSid);
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

    private record Row(long seq, String callSid, Instant endedAt, Instant publishedAt, Integer bidEvents, String bidBy) {
    }

    private static List<Row> unclaimed(Connection c) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT seq, call_id, ended_at, published_at, bid_events, bid_by"
                + " FROM call_hangup WHERE handled_by IS NULL ORDER BY seq"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int bid = rs.getInt(5);
                Integer bidEvents = rs.wasNull() ? null : bid;
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), bidEvents, rs.getString(6)));
            }
        }
        return out;
    }

    /** Bids {@code events} unless a copy at least as new already did. */
    private boolean bid(Connection c, long seq, int events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE call_hangup SET bid_events = ?, bid_by = ? WHERE seq = ?"
                + " AND handled_by IS NULL AND (bid_events IS NULL OR bid_events < ?)")) {
            s.setInt(1, events);
            s.setString(2, instance);
            s.setLong(3, seq);
            s.setInt(4, events);
            return s.executeUpdate() == 1;
        }
    }

    /** Claims the row, once; {@code asBestBidder}: only while this instance's bid is still the best. */
    private boolean claim(Connection c, long seq, Instant now, boolean asBestBidder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE call_hangup SET handled_by = ?, handled_at = ?"
                + " WHERE seq = ? AND handled_by IS NULL" + (asBestBidder ? " AND bid_by = ?" : ""))) {
            s.setString(1, instance);
            setInstant(s, 2, now);
            s.setLong(3, seq);
            if (asBestBidder) {
                s.setString(4, instance);
            }
            return s.executeUpdate() == 1;
        }
    }

    /** Calls whose hang-up another instance handled lately (older copies of them may be held here). */
    private List<String> endedElsewhere(Connection c, Instant now) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT call_id FROM call_hangup WHERE handled_at > ? AND handled_by <> ?")) {
            setInstant(s, 1, now.minus(orphanAfter));
            s.setString(2, instance);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
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
