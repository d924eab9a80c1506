package org.aiguilleur.records.store;

import static org.aiguilleur.records.store.Jdbc.instant;
import static org.aiguilleur.records.store.Jdbc.longOrNull;
import static org.aiguilleur.records.store.Jdbc.inTransaction;
import static org.aiguilleur.records.store.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.aiguilleur.records.StoredEvent;

/**
 * Call records in the database: events merged into one row per call (each event exactly once, by
 * its id), the agents' coding of needs and referrals, call-back requests, report rows and purging.
 * Every method blocks on JDBC and throws {@link SQLException} when the database cannot be reached.
 * Safe for concurrent use; events are meant to come from one writer (the recorder).
 */
public final class RecordStore {

    private final Database db;
    private final Centres centres;

    public RecordStore(Database db, Centres centres) {
        this.db = db;
        this.centres = centres;
    }

    /**
     * Applies events in one transaction, in order, skipping any already applied (by id).
     *
     * @return how many were new
     */
    public int apply(List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        try (Connection c = db.connection()) {
            return inTransaction(c, () -> {
                int applied = EventWriter.apply(c, events, centres);
                return applied;
            });
        }
    }

    /** A call's record as column → value (durations in ms, instants as ISO text), for agents and tools. */
    public Optional<Map<String, Object>> call(String callId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM call_record WHERE call_id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> out = new LinkedHashMap<>();
                var meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                    Object v = meta.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE || meta.getColumnType(i) == Types.TIMESTAMP
                            ? instant(rs, name) : rs.getObject(i);
                    out.put(name, v == null ? null : v instanceof Instant in ? in.toString() : v);
                }
                out.put("needs", needs(c, callId));
                out.put("referrals", referrals(c, callId));
                return Optional.of(out);
            }
        }
    }

    private static List<Map<String, Object>> needs(Connection c, String callId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT need, taxonomy, met, reason, coded_by, coded_at FROM call_need WHERE call_id = ? ORDER BY seq")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("need", rs.getString(1));
                    m.put("taxonomy", rs.getString(2));
                    m.put("met", rs.getBoolean(3));
                    m.put("reason", rs.getString(4));
                    m.put("coded_by", rs.getString(5));
                    m.put("coded_at", instant(rs, "coded_at").toString());
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static List<Map<String, Object>> referrals(Connection c, String callId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT need, referred_to FROM call_referral WHERE call_id = ? ORDER BY seq")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.of("need", rs.getString(1), "referred_to", rs.getString(2)));
                }
            }
        }
        return out;
    }

    /**
     * Replaces a call's coding (needs and referrals) in one transaction.
     *
     * @return false when no record of the call exists
     */
    public boolean code(String callId, List<NeedCode> needs, List<Referral> referrals, String agent, Instant at)
            throws SQLException {
        try (Connection c = db.connection()) {
            return inTransaction(c, () -> {
                if (!exists(c, callId)) {
                    c.rollback();
                    return false;
                }
                for (String table : List.of("call_need", "call_referral")) {
                    try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE call_id = ?")) {
                        d.setString(1, callId);
                        d.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO call_need (call_id, seq, need, taxonomy, met,"
                        + " reason, coded_by, coded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int seq = 0;
                    for (NeedCode n : needs) {
                        s.setString(1, callId);
                        s.setInt(2, seq++);
                        s.setString(3, n.need());
                        s.setString(4, n.taxonomy().orElse(null));
                        s.setBoolean(5, n.met());
                        s.setString(6, n.reason().orElse(null));
                        s.setString(7, agent);
                        setInstant(s, 8, at);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO call_referral (call_id, seq, need, referred_to) VALUES (?, ?, ?, ?)")) {
                    int seq = 0;
                    for (Referral r : referrals) {
                        s.setString(1, callId);
                        s.setInt(2, seq++);
                        s.setString(3, r.need());
                        s.setString(4, r.referredTo());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return true;
            });
        }
    }

    private static boolean exists(Connection c, String callId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM call_record WHERE call_id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Call-back requests, oldest first: only open ones, or all (open and closed) of a period. */
    public List<CallbackRequest> callbacks(boolean openOnly, int limit) throws SQLException {
        String sql = "SELECT call_id, ivr_ended_at, caller_language, region, need, centre, recording,"
                + " callback_handled_at, callback_handled_by, callback_outcome FROM call_record"
                + " WHERE callback_requested = TRUE" + (openOnly ? " AND callback_handled_at IS NULL" : "")
                + " ORDER BY ivr_ended_at, call_id";
        List<CallbackRequest> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CallbackRequest(rs.getString(1), instant(rs, "ivr_ended_at"),
                            Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                            Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                            Optional.ofNullable(rs.getString(7)), Optional.ofNullable(instant(rs, "callback_handled_at")),
                            Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10))));
                }
            }
        }
        return out;
    }

    /** What closing a call-back did. */
    public enum CloseResult { CLOSED, NO_SUCH_CALL, NOT_REQUESTED, ALREADY_CLOSED }

    /** Closes a call-back request once; a second close changes nothing. */
    public CloseResult closeCallback(String callId, String agent, String outcome, Instant at) throws SQLException {
        try (Connection c = db.connection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE call_record SET callback_handled_at = ?,"
                    + " callback_handled_by = ?, callback_outcome = ? WHERE call_id = ? AND callback_requested = TRUE"
                    + " AND callback_handled_at IS NULL")) {
                setInstant(s, 1, at);
                s.setString(2, agent);
                s.setString(3, outcome);
                s.setString(4, callId);
                if (s.executeUpdate() == 1) {
                    return CloseResult.CLOSED;
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT callback_requested FROM call_record WHERE call_id = ?")) {
                s.setString(1, callId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return CloseResult.NO_SUCH_CALL;
                    }
                    return rs.getBoolean(1) ? CloseResult.ALREADY_CLOSED : CloseResult.NOT_REQUESTED;
                }
            }
        }
    }

    /** Every call that started in {@code [from, to)}, streamed in start order. */
    public void calls(Instant from, Instant to, Consumer<ReportRow> each) throws SQLException {
        String sql = "SELECT call_id, started_at, region, caller_language, need, centre, outcome, queue_name,"
                + " answered, abandoned_in, queue_ms, handle_ms, interpreter_language, interpreter_connect_ms,"
                + " interpreter_ms, callback_requested, callback_handled_at, queue_status FROM call_record"
                + " WHERE started_at >= ? AND started_at < ? ORDER BY started_at, call_id";
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            setInstant(s, 1, from);
            setInstant(s, 2, to);
            s.setFetchSize(500);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String outcome = rs.getString("outcome");
                    // Waited in a queue: handed to one, or left one (an all-busy call ends after-hours
                    // after its queues failed, and still counts as queued and not answered).
                    boolean queued = rs.getString("queue_name") != null
                            && ("queued".equals(outcome) || "interpreter".equals(outcome)
                                || rs.getString("queue_status") != null);
                    each.accept(new ReportRow(rs.getString("call_id"), instant(rs, "started_at"), rs.getString("region"),
                            rs.getString("caller_language"), rs.getString("need"), rs.getString("centre"), outcome, queued,
                            rs.getBoolean("answered"), rs.getString("abandoned_in"), longOrNull(rs, "queue_ms"),
                            longOrNull(rs, "handle_ms"), rs.getString("interpreter_language"),
                            longOrNull(rs, "interpreter_connect_ms"), longOrNull(rs, "interpreter_ms"),
                            rs.getBoolean("callback_requested"), instant(rs, "callback_handled_at") != null));
                }
            }
        }
    }

    /** Every coded need of calls that started in {@code [from, to)}. */
    public void needs(Instant from, Instant to, Consumer<NeedRow> each) throws SQLException {
        String sql = "SELECT r.call_id, r.started_at, r.region, r.centre, r.caller_language, n.need, n.met, n.reason"
                + " FROM call_need n JOIN call_record r ON r.call_id = n.call_id"
                + " WHERE r.started_at >= ? AND r.started_at < ? ORDER BY r.started_at, n.call_id, n.seq";
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            setInstant(s, 1, from);
            setInstant(s, 2, to);
            s.setFetchSize(500);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(new NeedRow(rs.getString(1), instant(rs, "started_at"), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)));
                }
            }
        }
    }

    /**
     * Deletes every record (with its coding and event ids) of a call first seen before {@code cutoff}.
     *
     * @return how many call records were deleted
     */
    public int purgeBefore(Instant cutoff) throws SQLException {
        try (Connection c = db.connection()) {
            return inTransaction(c, () -> {
                String old = "SELECT call_id FROM call_record WHERE COALESCE(started_at, first_event_at) < ?";
                for (String table : List.of("call_need", "call_referral")) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE call_id IN (" + old + ")")) {
                        setInstant(s, 1, cutoff);
                        s.executeUpdate();
                    }
                }
                int deleted;
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM call_record WHERE COALESCE(started_at, first_event_at) < ?")) {
                    setInstant(s, 1, cutoff);
                    deleted = s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM applied_event WHERE event_at < ?")) {
                    setInstant(s, 1, cutoff);
                    s.executeUpdate();
                }
                return deleted;
            });
        }
    }

    /** How many call records and applied events there are (tools and tests). */
    public long[] counts() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT (SELECT COUNT(*) FROM call_record), (SELECT COUNT(*) FROM applied_event)");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

}
