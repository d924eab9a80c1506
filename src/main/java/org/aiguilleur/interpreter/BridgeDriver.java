package org.aiguilleur.interpreter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one {@link InterpreterCall} on a front door: feeds it events from any thread, one at a time
 * and in arrival order, and carries out its commands through the door's {@link Legs}; timers go
 * through the injected {@link Timers}. A door only translates its wire into events and implements
 * {@link Legs}.
 *
 * <p>A dial the door cannot even place (an exception) becomes a failed attempt, so the next try or
 * the apology follows; any other door error is handed to {@code errors} and the remaining commands
 * still run: the caller is never left without the agent because of our code.
 */
public final class BridgeDriver {

    /** What a door does for the bridge, one method per door-side command. */
    public interface Legs {
        /** Place the interpreter leg (async); report its answer or failure as events. */
        void dial(Dial dial);

        /** Cancel or hang up an interpreter leg; a leg already gone is not an error. */
        void hangUp(int attempt);

        void deliverAgent(BridgeCommand.DeliverAgent deliver);

        void playToCaller(BridgeCommand.PlayToCaller play);

        void endConference();
    }

    /** Schedules timers. */
    @FunctionalInterface
    public interface Timers {
        /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
        Runnable schedule(Duration delay, Runnable task);
    }

    private final InterpreterCall call;
    private final Legs legs;
    private final Timers timers;
    private final Consumer<RuntimeException> errors;
    private final Deque<BridgeEvent> pending = new ArrayDeque<>();
    private final List<Runnable> cancels = new ArrayList<>();
    private boolean running;

    public BridgeDriver(InterpreterCall call, Legs legs, Timers timers, Consumer<RuntimeException> errors) {
        this.call = Objects.requireNonNull(call, "call");
        this.legs = Objects.requireNonNull(legs, "legs");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** Starts the call: dials, brings the agent, tells the caller to wait. */
    public void start() {
        List<BridgeCommand> first;
        synchronized (this) {
            running = true;
            first = call.start();
        }
        execute(first);
        drain();
    }

    /** Takes an event from the door (any thread). */
    public void on(BridgeEvent event) {
        synchronized (this) {
            pending.add(event);
            if (running) {
                return; // the thread already draining takes it, in order
            }
            running = true;
        }
        drain();
    }

    public InterpreterCall call() {
        return call;
    }

    private void drain() {
        while (true) {
            List<BridgeCommand> commands;
            synchronized (this) {
                BridgeEvent next = pending.poll();
                if (next == null) {
                    running = false;
                    return;
                }
                commands = call.on(next);
            }
            execute(commands);
        }
    }

    private void execute(List<BridgeCommand> commands) {
        for (BridgeCommand c : commands) {
            try {
                c.accept(visitor);
            } catch (RuntimeException e) {
                errors.accept(e);
                if (c instanceof BridgeCommand.DialInterpreter d) {
                    synchronized (this) {
                        pending.add(new BridgeEvent.LegFailed(d.dial().attempt(), BridgeEvent.Failure.FAILED));
                    }
                }
            }
        }
    }

    private final BridgeCommand.Visitor<Void> visitor = new BridgeCommand.Visitor<>() {
        @Override
        public Void dial(BridgeCommand.DialInterpreter dial) {
            legs.dial(dial.dial());
            return null;
        }

        @Override
        public Void startTimer(BridgeCommand.StartTimer timer) {
            Runnable cancel = timers.schedule(timer.after(), () -> on(new BridgeEvent.TimerFired(timer.attempt())));
            synchronized (BridgeDriver.this) {
                cancels.add(cancel);
            }
            return null;
        }

        @Override
        public Void hangUpInterpreter(BridgeCommand.HangUpInterpreter hangUp) {
            legs.hangUp(hangUp.attempt());
            return null;
        }

        @Override
        public Void deliverAgent(BridgeCommand.DeliverAgent deliver) {
            legs.deliverAgent(deliver);
            return null;
        }

        @Override
        public Void playToCaller(BridgeCommand.PlayToCaller play) {
            legs.playToCaller(play);
            return null;
        }

        @Override
        public Void endConference(BridgeCommand.EndConference end) {
            List<Runnable> toCancel;
            synchronized (BridgeDriver.this) {
                toCancel = List.copyOf(cancels);
                cancels.clear();
            }
            toCancel.forEach(Runnable::run);
            legs.endConference();
            return null;
        }
    };
}
