package org.aiguilleur.flow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the engine asks a front door to do. Each door renders these with an exhaustive switch, so a
 * new action does not compile until every door handles it.
 *
 * <p>Java 17 has no pattern switch, so doors render actions through {@link Visitor}: adding an
 * action adds a method there, and no door compiles until it handles it.
 *
 * <p>A turn is a list of actions; it ends either with an action that waits for the caller
 * ({@link Collect}, {@link Record}) or with one that hands the call over ({@link Enqueue},
 * {@link BridgeInterpreter}, {@link Transfer}, {@link Hangup}).
 */
public sealed interface Action {

    /** Renders an action; one method per kind of action. */
    interface Visitor<R> {
        R play(Play play);

        R collect(Collect collect);

        R record(Record record);

        R enqueue(Enqueue enqueue);

        R bridgeInterpreter(BridgeInterpreter bridge);

        R transfer(Transfer transfer);

        R hangup(Hangup hangup);
    }

    /** Calls the visitor's method for this kind of action. */
    <R> R accept(Visitor<R> visitor);

    /** Play prompts to the end; no input is taken. */
    record Play(List<Prompt> prompts) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.play(this);
        }

        public Play {
            prompts = List.copyOf(prompts);
        }
    }

    /**
     * Play prompts that a key interrupts (callers may key ahead), then wait for input.
     *
     * @param step      the flow step asking ({@code language}, {@code postal-code}, ...)
     * @param maxDigits how many keys end the input
     * @param keys      the keys that mean something here (Asterisk's escape digits); all twelve for free entry
     * @param timeout   how long to wait for the first key, or for speech, after the prompts
     * @param speech    whether a door with speech recognition should listen too
     * @param speechLanguage the caller's language for the recogniser
     * @param hints     words likely to be said, for the recogniser
     */
    record Collect(String step, List<Prompt> prompts, int maxDigits, String keys, Duration timeout,
                   boolean speech, String speechLanguage, List<String> hints) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.collect(this);
        }

        public Collect {
            Objects.requireNonNull(step, "step");
            prompts = List.copyOf(prompts);
            hints = List.copyOf(hints);
            if (maxDigits < 1) {
                throw new IllegalArgumentException("maxDigits " + maxDigits);
            }
        }
    }

    /**
     * Play prompts, then record a message until {@code finishKeys}, silence or {@code maxLength}.
     *
     * @param name a file name for the recording, unique per call (no caller data in it)
     */
    record Record(List<Prompt> prompts, String name, Duration maxLength, String finishKeys) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.record(this);
        }

        public Record {
            prompts = List.copyOf(prompts);
            Objects.requireNonNull(name, "name");
        }
    }

    /** Put the caller in a queue. The call's context is in {@link CallSession#result()}. */
    record Enqueue(String queue, String language) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.enqueue(this);
        }

    }

    /** Put the caller in {@code queue} with an interpreter for {@code language} ({@code und} unknown). */
    record BridgeInterpreter(String queue, String language) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bridgeInterpreter(this);
        }

    }

    /** Hand the call to another service ({@code 811}); a failed transfer comes back as an event. */
    record Transfer(String destination, String name) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.transfer(this);
        }

    }

    /** End the call. */
    record Hangup() implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.hangup(this);
        }

    }
}
