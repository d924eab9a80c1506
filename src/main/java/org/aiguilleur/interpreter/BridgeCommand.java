package org.aiguilleur.interpreter;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.aiguilleur.flow.Prompt;

/**
 * What an interpreted call asks its front door to do. Java 17 has no pattern switch, so doors render
 * commands through {@link Visitor}: a new command does not compile until every door handles it.
 */
public sealed interface BridgeCommand {

    /** Renders a command; one method per kind. */
    interface Visitor<R> {
        R dial(DialInterpreter dial);

        R startTimer(StartTimer timer);

        R hangUpInterpreter(HangUpInterpreter hangUp);

        R deliverAgent(DeliverAgent deliver);

        R playToCaller(PlayToCaller play);

        R endConference(EndConference end);
    }

    <R> R accept(Visitor<R> visitor);

    /**
     * Call the interpreter service into the caller's conference; send {@code dial.dtmf()} as soon as
     * it answers; report {@link BridgeEvent.LegAnswered} once the leg is in the conference, or
     * {@link BridgeEvent.LegFailed}.
     */
    record DialInterpreter(Dial dial) implements BridgeCommand {
        public DialInterpreter {
            Objects.requireNonNull(dial, "dial");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dial(this);
        }
    }

    /** Report {@link BridgeEvent.TimerFired} for {@code attempt} after {@code after}. */
    record StartTimer(int attempt, Duration after) implements BridgeCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.startTimer(this);
        }
    }

    /** Cancel or hang up the interpreter leg of {@code attempt} (it may be ringing or answered). */
    record HangUpInterpreter(int attempt) implements BridgeCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.hangUpInterpreter(this);
        }
    }

    /**
     * Bring an agent of {@code queue} into the conference, playing {@code whisper} (the caller's
     * language, in the agent's language) to the agent alone before joining.
     */
    record DeliverAgent(String queue, String language, List<Prompt> whisper) implements BridgeCommand {
        public DeliverAgent {
            whisper = List.copyOf(whisper);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deliverAgent(this);
        }
    }

    /**
     * Play prompts to the caller. With {@code whileWaiting} they repeat, as the conference's waiting
     * message, until someone joins the caller; otherwise they play once, in the conference.
     */
    record PlayToCaller(List<Prompt> prompts, boolean whileWaiting) implements BridgeCommand {
        public PlayToCaller {
            prompts = List.copyOf(prompts);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.playToCaller(this);
        }
    }

    /** End the conference: hang up every leg still in it. */
    record EndConference() implements BridgeCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.endConference(this);
        }
    }
}
