package org.aiguilleur.records.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.aiguilleur.records.StoredEvent;

/**
 * Call records in the database: events merged into one row per call (each event exactly once, by
 * its id), the agents' coding of needs and referrals, call-back requests, report rows and purging.
 * Every method blocks on JDBC and throws {@link SQLException} when the database cannot be reached.
 * Safe for concurrent use; events are meant to come from one writer (the recorder).
 */
public final class RecordStore {
    private static final String COLUMNS = "door, started_at, ivr_ended_at, last_ivr_at, queue_left_at, ended_at, caller_hash, region,"
            + " region_source, caller_language, need, menu_path, outcome, queue_name, centre, ivr_ms, queue_ms,"
            + " queue_status, answered, abandoned_in, agent, handle_ms, interpreter_provider, interpreter_language,"
            + " interpreter_connect_ms, interpreter_ms, interpreter_attempts, transfer_to, closed_reason,"
            + " engine_error, callback_requested, recording, first_event_at";
    private static final String[] COLUMN_NAMES = COLUMNS.replace(" ", "").split(",");
    private static final int IN_CHUNK = 100;

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
            c.setAutoCommit(false);
            try {
                int applied = apply(c, events);
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private int apply(Connection c, List<StoredEvent> events) throws SQLException {
        Set<String> done = appliedAmong(c, events);
        List<StoredEvent> fresh = new ArrayList<>();
        Set<String> callIds = new java.util.LinkedHashSet<>();
        for (StoredEvent e : events) {
            if (done.add(e.id())) {
                fresh.add(e);
                callIds.add(e.event().callId());
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        Map<String, CallRecord> existing = loadAll(c, new ArrayList<>(callIds));
        Map<String, CallRecord> touched = new LinkedHashMap<>(existing);
        try (PreparedStatement mark = c.prepareStatement(
                "INSERT INTO applied_event (event_id, call_id, event_at) VALUES (?, ?, ?)")) {
            for (StoredEvent e : fresh) {
                mark.setString(1, e.id());
                mark.setString(2, e.event().callId());
                setInstant(mark, 3, e.event().at());
                mark.addBatch();
                touched.computeIfAbsent(e.event().callId(), CallRecord::new).apply(e, centres);
            }
            mark.executeBatch();
        }
        // Batched writes: only the columns events set, so an agent's call-back closing is never overwritten.
        StringBuilder update = new StringBuilder("UPDATE call_record SET ");
        for (int i = 0; i < COLUMN_NAMES.length; i++) {
            update.append(i == 0 ? "" : ", ").append(COLUMN_NAMES[i]).append(" = ?");
        }
        update.append(" WHERE call_id = ?");
        String marks = String.join(", ", java.util.Collections.nCopies(COLUMN_NAMES.length + 1, "?"));
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO call_record (" + COLUMNS + ", call_id) VALUES (" + marks + ")");
             PreparedStatement upd = c.prepareStatement(update.toString())) {
            for (CallRecord r : touched.values()) {
                PreparedStatement s = existing.containsKey(r.callId) ? upd : ins;
                bind(s, r);
                s.addBatch();
            }
            ins.executeBatch();
            upd.executeBatch();
        }
        return fresh.size();
    }

    private static Set<String> appliedAmong(Connection c, List<StoredEvent> events) throws SQLException {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < events.size(); from += IN_CHUNK) {
            List<StoredEvent> chunk = events.subList(from, Math.min(events.size(), from + IN_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT event_id FROM applied_event WHERE event_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i).id());
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, CallRecord> loadAll(Connection c, List<String> callIds) throws SQLException {
        Map<String, CallRecord> out = new LinkedHashMap<>();
        for (int from = 0; from < callIds.size(); from += IN_CHUNK) {
            List<String> chunk = callIds.subList(from, Math.min(callIds.size(), from + IN_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT call_id, " + COLUMNS + " FROM call_record WHERE call_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        CallRecord r = read(rs);
                        out.put(r.callId, r);
                    }
                }
            }
        }
        return out;
    }

    private static CallRecord read(ResultSet rs) throws SQLException {
        CallRecord r = new CallRecord(rs.getString("call_id"));
        r.door = rs.getString("door");
        r.startedAt = instant(rs, "started_at");
        r.ivrEndedAt = instant(rs, "ivr_ended_at");
        r.lastIvrAt = instant(rs, "last_ivr_at");
        r.queueLeftAt = instant(rs, "queue_left_at");
        r.endedAt = instant(rs, "ended_at");
        r.callerHash = rs.getString("caller_hash");
        r.region = rs.getString("region");
        r.regionSource = rs.getString("region_source");
        r.language = rs.getString("caller_language");
        r.need = rs.getString("need");
        r.menuPath = rs.getString("menu_path");
        r.outcome = rs.getString("outcome");
        r.queue = rs.getString("queue_name");
        r.centre = rs.getString("centre");
        r.ivrMs = longOrNull(rs, "ivr_ms");
        r.queueMs = longOrNull(rs, "queue_ms");
        r.queueStatus = rs.getString("queue_status");
        r.answered = rs.getBoolean("answered");
        r.abandonedIn = rs.getString("abandoned_in");
        r.agent = rs.getString("agent");
        r.handleMs = longOrNull(rs, "handle_ms");
        r.interpreterProvider = rs.getString("interpreter_provider");
        r.interpreterLanguage = rs.getString("interpreter_language");
        r.interpreterConnectMs = longOrNull(rs, "interpreter_connect_ms");
        r.interpreterMs = longOrNull(rs, "interpreter_ms");
        r.interpreterAttempts = rs.getInt("interpreter_attempts");
        r.transferTo = rs.getString("transfer_to");
        r.closedReason = rs.getString("closed_reason");
        r.engineError = rs.getBoolean("engine_error");
        r.callbackRequested = rs.getBoolean("callback_requested");
        r.recording = rs.getString("recording");
        r.firstEventAt = instant(rs, "first_event_at");
        return r;
    }

    private static void bind(PreparedStatement s, CallRecord r) throws SQLException {
        int i = 1;
        s.setString(i++, r.door);
        setInstant(s, i++, r.startedAt);
        setInstant(s, i++, r.ivrEndedAt);
        setInstant(s, i++, r.lastIvrAt);
        setInstant(s, i++, r.queueLeftAt);
        setInstant(s, i++, r.endedAt);
        s.setString(i++, r.callerHash);
        s.setString(i++, r.region);
        s.setString(i++, r.regionSource);
        s.setString(i++, r.language);
        s.setString(i++, r.need);
        s.setString(i++, r.menuPath);
        s.setString(i++, r.outcome);
        s.setString(i++, r.queue);
        s.setString(i++, r.centre);
        setLong(s, i++, r.ivrMs);
        setLong(s, i++, r.queueMs);
        s.setString(i++, r.queueStatus);
        s.setBoolean(i++, r.answered);
        s.setString(i++, r.abandonedIn);
        s.setString(i++, r.agent);
        setLong(s, i++, r.handleMs);
        s.setString(i++, r.interpreterProvider);
        s.setString(i++, r.interpreterLanguage);
        setLong(s, i++, r.interpreterConnectMs);
        setLong(s, i++, r.interpreterMs);
        s.setInt(i++, r.interpreterAttempts);
        s.setString(i++, r.transferTo);
        s.setString(i++, r.closedReason);
        s.setBoolean(i++, r.engineError);
        s.setBoolean(i++, r.callbackRequested);
        s.setString(i++, r.recording);
        setInstant(s, i++, r.firstEventAt);
        s.setString(i, r.callId);
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
            c.setAutoCommit(false);
            try {
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
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
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
                    boolean queued = rs.getString("queue_name") != null
                            && ("queued".equals(outcome) || "interpreter".equals(outcome));
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
            c.setAutoCommit(false);
            try {
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
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
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

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it and the original error is reported.
        }
    }

    private static void setInstant(PreparedStatement s, int i, Instant v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC));
        }
    }

    private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
