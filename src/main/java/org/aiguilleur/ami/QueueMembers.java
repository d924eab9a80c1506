package org.aiguilleur.ami;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Asterisk said about queue members, kept per queue and interface. Unknown (empty answers)
 * until a full queue list has been taken, and again after {@link #forget()}. One thread writes
 * (the AMI worker); any thread reads.
 *
 * <p>A member takes calls when it is not paused and its device is neither unavailable (5) nor
 * invalid (4): the same rule as app_queue's "logged in" count in QueueSummary, and as
 * {@code joinempty=paused,unavailable,invalid} in the generated queues.
 */
final class QueueMembers {
    /** AST_DEVICE_INVALID and AST_DEVICE_UNAVAILABLE: the member's phone cannot ring. */
    static final List<Integer> LOGGED_OUT_STATES = List.of(4, 5);

    /** queue → interface → takes calls; null while unknown. */
    private volatile Map<String, Map<String, Boolean>> queues;

    static boolean takesCalls(Boolean paused, Integer status) {
        return !Boolean.TRUE.equals(paused) && (status == null || !LOGGED_OUT_STATES.contains(status));
    }

    /** Empty when unknown (not in sync, or a queue Asterisk does not have). */
    Optional<Boolean> hasAgents(String queue) {
        Map<String, Map<String, Boolean>> q = queues;
        if (q == null || !q.containsKey(queue)) {
            return Optional.empty();
        }
        return Optional.of(q.get(queue).containsValue(true));
    }

    boolean known() {
        return queues != null;
    }

    /** Replaces everything by a full list (QueueStatus): queue → interface → takes calls. */
    void replace(Map<String, Map<String, Boolean>> snapshot) {
        Map<String, Map<String, Boolean>> copy = new ConcurrentHashMap<>();
        snapshot.forEach((queue, members) -> copy.put(queue, new ConcurrentHashMap<>(members)));
        queues = copy;
    }

    /** A member was added or changed (pause, device state). Ignored while unknown. */
    void put(String queue, String iface, boolean takesCalls) {
        Map<String, Map<String, Boolean>> q = queues;
        if (q != null) {
            q.computeIfAbsent(queue, k -> new ConcurrentHashMap<>()).put(iface, takesCalls);
        }
    }

    /** A member was removed. */
    void remove(String queue, String iface) {
        Map<String, Map<String, Boolean>> q = queues;
        if (q != null && q.containsKey(queue)) {
            q.get(queue).remove(iface);
        }
    }

    /** The connection is gone: nothing is known any more. */
    void forget() {
        queues = null;
    }

    /** Queues with at least one member taking calls, for the log. */
    long staffedQueues() {
        Map<String, Map<String, Boolean>> q = queues;
        return q == null ? 0 : q.values().stream().filter(m -> m.containsValue(true)).count();
    }

    int size() {
        Map<String, Map<String, Boolean>> q = queues;
        return q == null ? 0 : q.size();
    }
}
