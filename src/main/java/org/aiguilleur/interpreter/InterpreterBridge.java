package org.aiguilleur.interpreter;

import java.time.InstantSource;
import java.util.Objects;
import org.aiguilleur.flow.Action;
import org.aiguilleur.records.CallEvents;

/**
 * Starts interpreted calls on one configuration: its providers and prompts, a clock and where
 * attempts are reported. Immutable and shared by all calls; each call gets its own
 * {@link InterpreterCall}.
 */
public final class InterpreterBridge {
    private final Interpreters interpreters;
    private final BridgePrompts prompts;
    private final InstantSource clock;
    private final CallEvents events;

    public InterpreterBridge(Interpreters interpreters, BridgePrompts prompts, InstantSource clock, CallEvents events) {
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** A new interpreted call for the engine's decision; nothing happens until {@link InterpreterCall#start()}. */
    public InterpreterCall newCall(String callId, Action.BridgeInterpreter bridge) {
        return new InterpreterCall(callId, bridge.queue(), bridge.language(),
                interpreters.plan(bridge.language()), prompts, clock, events);
    }

    public Interpreters interpreters() {
        return interpreters;
    }
}
