package org.aiguilleur.testing;

import java.util.ArrayList;
import java.util.List;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;

/** Keeps what a front door reported (call events, waiting callers) for assertions. Thread-safe. */
public final class RecordingCallEvents implements CallEvents, CallerQueue {
    private final List<Object> seen = new ArrayList<>();

    @Override
    public synchronized void emit(CallEvent event) {
        seen.add(event);
    }

    @Override
    public synchronized void waiting(WaitingCaller caller) {
        seen.add(caller);
    }

    @Override
    public synchronized void left(String callId) {
        seen.add("left " + callId);
    }

    /** In memory, under one short lock: a door may call it on its I/O thread. */
    @Override
    public boolean immediate() {
        return true;
    }

    /** Everything reported, in order: call events, waiting callers, and {@code "left <callId>"}. */
    public synchronized List<Object> all() {
        return List.copyOf(seen);
    }

    /** Forgets everything reported so far. */
    public synchronized void clear() {
        seen.clear();
    }

    public synchronized <T> List<T> of(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
