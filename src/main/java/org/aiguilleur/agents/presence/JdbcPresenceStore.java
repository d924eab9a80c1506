package org.aiguilleur.agents.presence;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.routing.Centre;

/**
 * The {@link PresenceStore} shared by several server instances: the records database's tables
 * {@code presence_agent}, {@code presence_caller} and {@code presence_offer} (migrations V2, V3). Same
 * rule and results as {@link InMemoryPresenceStore}; every method is one transaction, and a change
 * matches inside its own transaction.
 *
 * <p>Locking. On PostgreSQL the matching locks the waiting callers and the chosen agent with
 * {@code FOR UPDATE SKIP LOCKED}: rows another instance is changing are left to it, so two instances
 * never pick the same caller or agent, and never wait for each other while matching (a match missed
 * because its rows were busy is made by the next change or by the once-a-second {@link #tick}, which
 * every instance runs). Changes to one offer lock its rows in one order (the offer with its caller,
 * then the agent); only matching holds several callers or agents, and it never waits for a lock.
 * On H2 every changing transaction first locks the one row of {@code presence_lock}: coarser, just as
 * correct. On both, the unique keys of {@code presence_offer} (one offer per caller, one per agent)
 * make a double offer impossible whatever the locking; a transaction that hits them, a deadlock or a
 * lock time-out is rolled back and run again.
 *
 * <p>A database error is thrown as {@link PresenceStoreException}; callers (the dispatcher, the APIs)
 * treat it as any failure: the caller keeps waiting in Twilio's queue.
 */
public final class JdbcPresenceStore implements PresenceStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TRIES = 5;
    private static final String LINE_ORDER =
            " ORDER BY CASE WHEN front_seq IS NULL THEN 1 ELSE 0 END, front_seq DESC, since, arrival";
    private static final String CALLER_COLUMNS =
            "call_id, queue_name, caller_language, region, need, interpreter_language, since, attempts, gone, in_conference";

    private final Database db;
    private final boolean rowLocks;
    /** The roster in force, swapped whole by {@link #rosterChanged}. */
    private volatile View view;
    private final Instant start;
    private volatile boolean synced;

    /**
     * @param agents   in roster order
     * @param eligible by queue, the quoted ids of the agents who take it, comma-separated (SQL {@code IN})
     * @param stale    how long an offer nobody answered may wait for its callback
     */
    private record View(List<Agent> agents, Map<String, String> eligible, Duration stale) {
        static View of(Roster roster, List<Centre> centres, Duration stale) {
            Map<String, String> eligible = new LinkedHashMap<>();
            for (Centre c : centres) {
                for (String l : c.languages()) {
                    // Agent ids are slugs (checked at load); quoted all the same.
                    List<String> ids = roster.agents().stream().filter(a -> a.takes(c.id(), l))
                            .map(a -> "'" + a.id().replace("'", "''") + "'").toList();
                    eligible.put(c.queue(l), String.join(",", ids));
                }
            }
            return new View(roster.agents(), Map.copyOf(eligible), stale);
        }

        boolean lists(String agentId) {
            return agents.stream().anyMatch(a -> a.id().equals(agentId));
        }
    }

    /** Thrown when the database fails; nothing was changed. */
    public static final class PresenceStoreException extends IllegalStateException {
        PresenceStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Adds the roster's agents the tables do not know yet (offline, idle since {@code start}); agents
     * other instances already set keep their state.
     *
     * @param stale how long an offer nobody answered may wait for its callback before it is ended
     */
    public JdbcPresenceStore(Database db, Roster roster, List<Centre> centres, Instant start, Duration stale) {
        this.db = db;
        this.rowLocks = db.postgres();
        this.view = View.of(roster, centres, stale);
        this.start = start;
        try {
            syncRoster();
        } catch (PresenceStoreException e) {
            // The database is away: the roster is written at the first use that reaches it.
            org.slf4j.LoggerFactory.getLogger(JdbcPresenceStore.class)
                    .warn("presence store: records database unreachable at start ({})", e.getMessage());
        }
    }

    /** Writes the roster's agents the tables lack (offline, idle since the start), and everyone's roster order. */
    private void syncRoster() {
        View v = view;
        inTransaction(c -> {
            writeRoster(c, v, start);
            return null;
        });
        synced = true;
    }

    private static void writeRoster(Connection c, View v, Instant since) throws SQLException {
        int order = 0;
        for (Agent a : v.agents) {
                try (PreparedStatement s = c.prepareStatement("UPDATE presence_agent SET roster_order = ? WHERE agent_id = ?")) {
                    s.setInt(1, order);
                    s.setString(2, a.id());
                    if (s.executeUpdate() == 0) {
                        try (PreparedStatement i = c.prepareStatement("INSERT INTO presence_agent (agent_id, roster_order, presence,"
                                + " presence_since, activity, call_id, idle_since) VALUES (?, ?, ?, ?, ?, NULL, ?)")) {
                            i.setString(1, a.id());
                            i.setInt(2, order);
                            i.setString(3, Presence.OFFLINE.name());
                            setInstant(i, 4, since);
                            i.setString(5, Activity.IDLE.name());
                            setInstant(i, 6, since);
                            i.executeUpdate();
                        }
                    }
                }
                order++;
            }
    }

    /**
     * This instance's configuration was reloaded. Rows of agents still listed keep their state; new
     * agents get an offline row; removed agents' rows go at once when idle, else they are set offline
     * (never matched: not in the new roster) and go when their call ends. Other instances follow when
     * their own configuration reloads (each instance reads the same files).
     */
    @Override
    public List<Offer> rosterChanged(Roster roster, List<Centre> centres, Duration stale, Instant now) {
        View next = View.of(roster, centres, stale);
        view = next;
        return transaction(c -> {
            writeRoster(c, next, now);
            List<String> removed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT agent_id FROM presence_agent"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!next.lists(rs.getString(1))) {
                        removed.add(rs.getString(1));
                    }
                }
            }
            for (String id : removed) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM presence_agent WHERE agent_id = ? AND activity = ?")) {
                    s.setString(1, id);
                    s.setString(2, Activity.IDLE.name());
                    if (s.executeUpdate() > 0) {
                        continue;
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE presence_agent SET presence = ?, presence_since = ? WHERE agent_id = ?")) {
                    s.setString(1, Presence.OFFLINE.name());
                    setInstant(s, 2, now);
                    s.setString(3, id);
                    s.executeUpdate();
                }
            }
            return match(c, now);
        });
    }

    @Override
    public Optional<AgentState> state(String agentId) {
        if (!view.lists(agentId)) {
            return Optional.empty();
        }
        return read(c -> agentStates(c).stream().filter(s -> s.agentId().equals(agentId)).findFirst());
    }

    @Override
    public List<AgentState> states() {
        return read(this::agentStates);
    }

    @Override
    public List<WaitingCaller> waiting() {
        return read(c -> {
            List<WaitingCaller> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + CALLER_COLUMNS + " FROM presence_caller WHERE offered = FALSE"
                    + LINE_ORDER); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(caller(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Offer> offer(String offerId) {
        return read(c -> loadOffer(c, offerId, false).map(a -> a.offer));
    }

    @Override
    public Optional<List<Offer>> setPresence(String agentId, Presence presence, Instant now) {
        if (!view.lists(agentId)) {
            return Optional.empty();
        }
        return Optional.of(transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT presence, activity FROM presence_agent WHERE agent_id = ?"
                    + (rowLocks ? " FOR UPDATE" : ""))) {
                s.setString(1, agentId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && !rs.getString("presence").equals(presence.name())) {
                        boolean idle = rs.getString("activity").equals(Activity.IDLE.name());
                        try (PreparedStatement u = c.prepareStatement("UPDATE presence_agent SET presence = ?, presence_since = ?"
                                + (presence == Presence.AVAILABLE && idle ? ", idle_since = ?" : "") + " WHERE agent_id = ?")) {
                            int i = 1;
                            u.setString(i++, presence.name());
                            setInstant(u, i++, now);
                            if (presence == Presence.AVAILABLE && idle) {
                                setInstant(u, i++, now);
                            }
                            u.setString(i, agentId);
                            u.executeUpdate();
                        }
                    }
                }
            }
            return match(c, now);
        }));
    }

    @Override
    public List<Offer> callerWaiting(WaitingCaller caller, Instant now) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT call_id FROM presence_caller WHERE call_id = ?")) {
                s.setString(1, caller.callId());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return List.of();
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO presence_caller (call_id, queue_name, caller_language, region,"
                    + " need, interpreter_language, since, in_conference) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, caller.callId());
                s.setString(2, caller.queue());
                s.setString(3, caller.language());
                s.setString(4, caller.region());
                s.setString(5, caller.need());
                s.setString(6, caller.interpreterLanguage());
                setInstant(s, 7, caller.since());
                s.setBoolean(8, caller.conference());
                s.executeUpdate();
            }
            return match(c, now);
        });
    }

    @Override
    public List<Offer> callerLeft(String callId, Instant now) {
        return transaction(c -> {
            Optional<Active> a = offerOfCall(c, callId);
            if (a.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM presence_caller WHERE call_id = ? AND offered = FALSE")) {
                    s.setString(1, callId);
                    if (s.executeUpdate() > 0) {
                        return List.of();
                    }
                }
                // Not in line: unknown, or another instance's match offered them meanwhile (it held the row).
                a = offerOfCall(c, callId);
                if (a.isEmpty()) {
                    return List.of();
                }
            }
            if (a.get().taken) {
                return end(c, a.get(), now, true);
            }
            markGone(c, callId, true);
            return List.of();
        });
    }

    @Override
    public List<Offer> abandoned(String offerId, Instant now) {
        return transaction(c -> {
            Optional<Active> a = loadOffer(c, offerId, true);
            return a.isEmpty() ? List.of() : end(c, a.get(), now, a.get().taken);
        });
    }

    @Override
    public boolean answered(String offerId, Instant now) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE presence_offer SET answered = TRUE WHERE offer_id = ?")) {
                s.setString(1, offerId);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean taken(String offerId, Instant now) {
        return transaction(c -> {
            Optional<Active> a = loadOffer(c, offerId, true);
            if (a.isEmpty()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE presence_offer SET answered = TRUE, taken = TRUE WHERE offer_id = ?")) {
                s.setString(1, offerId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE presence_agent SET activity = ? WHERE agent_id = ?")) {
                s.setString(1, Activity.ON_CALL.name());
                s.setString(2, a.get().offer.agentId());
                s.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public boolean isTaken(String offerId) {
        return read(c -> loadOffer(c, offerId, false).map(a -> a.taken).orElse(false));
    }

    @Override
    public List<Offer> finished(String offerId, Instant now) {
        return transaction(c -> {
            Optional<Active> a = loadOffer(c, offerId, true);
            return a.isEmpty() ? List.of() : end(c, a.get(), now, true);
        });
    }

    @Override
    public List<Offer> notTaken(String offerId, Instant now) {
        return transaction(c -> {
            Optional<Active> a = loadOffer(c, offerId, true);
            if (a.isEmpty()) {
                return List.of();
            }
            free(c, a.get());
            try (PreparedStatement s = c.prepareStatement("UPDATE presence_agent SET presence = ?, presence_since = ? WHERE agent_id = ?")) {
                s.setString(1, Presence.AWAY.name());
                setInstant(s, 2, now);
                s.setString(3, a.get().offer.agentId());
                s.executeUpdate();
            }
            // The Dial result came from a live call: whatever the door said while it rang, the caller is still here.
            backToFront(c, a.get().offer.callId(), false, null);
            return match(c, now);
        });
    }

    @Override
    public List<Offer> failed(String offerId, Instant retryAt, Instant now) {
        return transaction(c -> {
            Optional<Active> a = loadOffer(c, offerId, true);
            if (a.isEmpty()) {
                return List.of();
            }
            free(c, a.get());
            backToFront(c, a.get().offer.callId(), a.get().gone, retryAt);
            return match(c, now);
        });
    }

    @Override
    public List<Offer> tick(Instant now) {
        return transaction(c -> {
            List<Active> staleOffers = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(offerQuery("o.answered = FALSE AND o.offered_at < ?")
                    + (rowLocks ? " FOR UPDATE SKIP LOCKED" : ""))) {
                setInstant(s, 1, now.minus(view.stale));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        staleOffers.add(active(rs));
                    }
                }
            }
            for (Active a : staleOffers) {
                free(c, a);
                backToFront(c, a.offer.callId(), a.gone, null);
            }
            return match(c, now);
        });
    }

    /** Ends an offer whose caller is done or gone: the caller is forgotten, the agent idle (since now if they talked). */
    private List<Offer> end(Connection c, Active a, Instant now, boolean talked) throws SQLException {
        free(c, a);
        if (talked) {
            try (PreparedStatement s = c.prepareStatement("UPDATE presence_agent SET idle_since = ? WHERE agent_id = ?")) {
                setInstant(s, 1, now);
                s.setString(2, a.offer.agentId());
                s.executeUpdate();
            }
        }
        forget(c, a.offer.callId());
        return match(c, now);
    }

    /** The offer is over: its row goes, the agent has no call. */
    private void free(Connection c, Active a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM presence_offer WHERE offer_id = ?")) {
            s.setString(1, a.offer.id());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE presence_agent SET activity = ?, call_id = NULL WHERE agent_id = ?")) {
            s.setString(1, Activity.IDLE.name());
            s.setString(2, a.offer.agentId());
            s.executeUpdate();
        }
        if (!view.lists(a.offer.agentId())) {
            // Removed by a reload while this call lasted: nothing of them is left.
            try (PreparedStatement s = c.prepareStatement("DELETE FROM presence_agent WHERE agent_id = ?")) {
                s.setString(1, a.offer.agentId());
                s.executeUpdate();
            }
        }
    }

    /** The caller goes back to the head of the line (unless gone: then forgotten). */
    private void backToFront(Connection c, String callId, boolean gone, Instant notBefore) throws SQLException {
        if (gone) {
            forget(c, callId);
            return;
        }
        long front;
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(front_seq), 0) + 1 FROM presence_caller");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            front = rs.getLong(1);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE presence_caller SET offered = FALSE, gone = FALSE, front_seq = ?,"
                + " not_before = ? WHERE call_id = ?")) {
            s.setLong(1, front);
            setInstant(s, 2, notBefore);
            s.setString(3, callId);
            s.executeUpdate();
        }
    }

    private void forget(Connection c, String callId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM presence_caller WHERE call_id = ?")) {
            s.setString(1, callId);
            s.executeUpdate();
        }
    }

    private void markGone(Connection c, String callId, boolean gone) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE presence_caller SET gone = ? WHERE call_id = ?")) {
            s.setBoolean(1, gone);
            s.setString(2, callId);
            s.executeUpdate();
        }
    }

    /**
     * The matching: callers in line order, each to the longest-idle eligible agent. Rows another
     * transaction holds are skipped (PostgreSQL); the next change or tick takes them.
     */
    private List<Offer> match(Connection c, Instant now) throws SQLException {
        View v = view;
        List<WaitingCaller> due = new ArrayList<>();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + CALLER_COLUMNS + " FROM presence_caller WHERE offered = FALSE"
                + " AND (not_before IS NULL OR not_before <= ?)" + LINE_ORDER + (rowLocks ? " FOR UPDATE SKIP LOCKED" : ""))) {
            setInstant(s, 1, now);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    WaitingCaller w = caller(rs);
                    due.add(w);
                    attempts.put(w.callId(), rs.getInt("attempts"));
                }
            }
        }
        List<Offer> made = new ArrayList<>();
        // A queue with no eligible agent stays so for the rest of this pass (agents only get taken).
        Set<String> noAgent = new HashSet<>();
        for (WaitingCaller w : due) {
            String ids = v.eligible.get(w.queue());
            if (ids == null || ids.isEmpty() || noAgent.contains(w.queue())) {
                continue;
            }
            String agent = null;
            try (PreparedStatement s = c.prepareStatement("SELECT agent_id FROM presence_agent WHERE presence = ? AND activity = ?"
                    + " AND agent_id IN (" + ids + ") ORDER BY idle_since, roster_order FETCH FIRST 1 ROWS ONLY"
                    + (rowLocks ? " FOR UPDATE SKIP LOCKED" : ""))) {
                s.setString(1, Presence.AVAILABLE.name());
                s.setString(2, Activity.IDLE.name());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        agent = rs.getString(1);
                    }
                }
            }
            if (agent == null) {
                noAgent.add(w.queue());
                continue;
            }
            int attempt = attempts.get(w.callId()) + 1;
            Offer o = new Offer(newId(), w, agent, attempt, now);
            try (PreparedStatement s = c.prepareStatement("UPDATE presence_caller SET offered = TRUE, attempts = ?, not_before = NULL"
                    + " WHERE call_id = ?")) {
                s.setInt(1, attempt);
                s.setString(2, w.callId());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE presence_agent SET activity = ?, call_id = ? WHERE agent_id = ?")) {
                s.setString(1, Activity.OFFERED.name());
                s.setString(2, w.callId());
                s.setString(3, agent);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO presence_offer (offer_id, call_id, agent_id, attempt, offered_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, o.id());
                s.setString(2, w.callId());
                s.setString(3, agent);
                s.setInt(4, attempt);
                setInstant(s, 5, now);
                s.executeUpdate();
            }
            made.add(o);
        }
        return made;
    }

    private List<AgentState> agentStates(Connection c) throws SQLException {
        Map<String, AgentState> byId = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT agent_id, presence, presence_since, activity, call_id, idle_since"
                + " FROM presence_agent"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byId.put(rs.getString("agent_id"), new AgentState(rs.getString("agent_id"), Presence.valueOf(rs.getString("presence")),
                        instant(rs, "presence_since"), Activity.valueOf(rs.getString("activity")),
                        Optional.ofNullable(rs.getString("call_id")), instant(rs, "idle_since")));
            }
        }
        List<AgentState> out = new ArrayList<>();
        for (Agent a : view.agents) {
            Optional.ofNullable(byId.get(a.id())).ifPresent(out::add);
        }
        return out;
    }

    /** An offer in progress and what the store keeps with it. */
    private record Active(Offer offer, boolean answered, boolean taken, boolean gone) {
    }

    private static String offerQuery(String where) {
        return "SELECT o.offer_id, o.agent_id, o.attempt, o.offered_at, o.answered, o.taken, "
                + CALLER_COLUMNS.replaceAll("(^|, )", "$1p.")
                + " FROM presence_offer o JOIN presence_caller p ON p.call_id = o.call_id WHERE " + where;
    }

    private Optional<Active> loadOffer(Connection c, String offerId, boolean lock) throws SQLException {
        return one(c, offerQuery("o.offer_id = ?") + (lock && rowLocks ? " FOR UPDATE" : ""), offerId);
    }

    private Optional<Active> offerOfCall(Connection c, String callId) throws SQLException {
        return one(c, offerQuery("o.call_id = ?") + (rowLocks ? " FOR UPDATE" : ""), callId);
    }

    private static Optional<Active> one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(active(rs)) : Optional.empty();
            }
        }
    }

    private static Active active(ResultSet rs) throws SQLException {
        Offer o = new Offer(rs.getString("offer_id"), caller(rs), rs.getString("agent_id"), rs.getInt("attempt"),
                instant(rs, "offered_at"));
        return new Active(o, rs.getBoolean("answered"), rs.getBoolean("taken"), rs.getBoolean("gone"));
    }

    private static WaitingCaller caller(ResultSet rs) throws SQLException {
        return new WaitingCaller(rs.getString("call_id"), rs.getString("queue_name"), rs.getString("caller_language"),
                rs.getString("region"), rs.getString("need"), rs.getString("interpreter_language"), instant(rs, "since"),
                rs.getBoolean("in_conference"));
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        if (!synced) {
            syncRoster();
        }
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new PresenceStoreException("presence store: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} as one transaction (the roster written first if it is not yet), again after a conflict with another transaction (unique
     * key, deadlock, serialization, lock time-out): it then sees what the other one did.
     */
    private <T> T transaction(Work<T> work) {
        if (!synced) {
            syncRoster();
        }
        return inTransaction(work);
    }

    private <T> T inTransaction(Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    if (!rowLocks) {
                        try (PreparedStatement s = c.prepareStatement("SELECT id FROM presence_lock WHERE id = 1 FOR UPDATE");
                             ResultSet rs = s.executeQuery()) {
                            rs.next();
                        }
                    }
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // The connection is broken; the pool discards it and the first error counts.
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                last = e;
                if (!conflict(e)) {
                    break;
                }
            }
        }
        throw new PresenceStoreException("presence store: " + last.getMessage(), last);
    }

    /** Unique key, serialization failure, deadlock (SQL states 23505, 40001, 40P01) or H2's lock time-out (HYT00). */
    private static boolean conflict(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("23505") || state.startsWith("40") || state.equals("HYT00"));
    }

    private static void setInstant(PreparedStatement s, int i, Instant v) throws SQLException {
        if (v == null) {
            s.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i, java.time.OffsetDateTime.ofInstant(v, java.time.ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
