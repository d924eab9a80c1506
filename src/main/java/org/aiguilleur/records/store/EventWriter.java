package org.aiguilleur.records.store;

import static org.aiguilleur.records.store.Jdbc.instant;
import static org.aiguilleur.records.store.Jdbc.longOrNull;
import static org.aiguilleur.records.store.Jdbc.setInstant;
import static org.aiguilleur.records.store.Jdbc.setLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiguilleur.records.StoredEvent;

/**
 * Applies a batch of events inside the caller's transaction: skips ids already applied, loads the
 * batch's calls with {@code IN (...)} queries, merges, and writes rows and event ids with JDBC batches.
 */
final class EventWriter {
    static final String COLUMNS = "door, started_at, ivr_ended_at, last_ivr_at, queue_left_at, ended_at, caller_hash, region,"
            + " region_source, caller_language, need, menu_path, outcome, queue_name, centre, ivr_ms, queue_ms,"
            + " queue_status, answered, abandoned_in, agent, handle_ms, interpreter_provider, interpreter_language,"
            + " interpreter_connect_ms, interpreter_ms, interpreter_attempts, transfer_to, closed_reason,"
            + " engine_error, callback_requested, recording, first_event_at";
    private static final String[] COLUMN_NAMES = COLUMNS.replace(" ", "").split(",");
    private static final int IN_CHUNK = 100;

    private EventWriter() {
    }

    static int apply(Connection c, List<StoredEvent> events, Centres centres) throws SQLException {
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
}
