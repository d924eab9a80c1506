package org.aiguilleur.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a simulated caller does, in order, as the fake Asterisk asks: press keys, stay silent, speak
 * a message, hang up. Each step is used by the command that meets it, as on a real line:
 * <ul>
 * <li>{@link #press} keys barge in: the first key stops a prompt that has it among its escape
 *     digits, the next keys go to the command that runs next. Keys pressed while no command
 *     collects them are lost, as Asterisk drops them.</li>
 * <li>{@link #pressAfterPrompts} waits for the prompts to end and presses at the wait for input.</li>
 * <li>{@link #silence} lets the next wait for input time out.</li>
 * <li>{@link #hangUp} hangs up during the next command that plays or listens ({@link #hangUpDuring}: the
 *     next one of a kind); {@link #hangUpWhileIdle}
 *     hangs up right after the next reply, while the server has not sent its next command.</li>
 * <li>{@link #speak} leaves a message at the next RECORD FILE, ended by {@code #}, by silence, or by a hang-up.</li>
 * </ul>
 * Once the steps run out the caller stays silent.
 */
public final class FakeCaller {
    /** How a message ends. */
    public enum MessageEnd { HASH, SILENCE, HANGUP }

    sealed interface Step {
    }

    record Keys(String keys, boolean bargeIn) implements Step {
    }

    record Silence() implements Step {
    }

    /** {@code verb} null: during whatever plays or listens next. */
    record HangUp(String verb) implements Step {
        boolean during(String command) {
            return verb == null || verb.equals(command);
        }
    }

    record HangUpIdle() implements Step {
    }

    record Speak(Duration length, MessageEnd end) implements Step {
    }

    final Deque<Step> steps = new ArrayDeque<>();

    public static FakeCaller caller() {
        return new FakeCaller();
    }

    public FakeCaller press(String keys) {
        steps.add(new Keys(keys, true));
        return this;
    }

    public FakeCaller pressAfterPrompts(String keys) {
        steps.add(new Keys(keys, false));
        return this;
    }

    public FakeCaller silence() {
        steps.add(new Silence());
        return this;
    }

    public FakeCaller hangUp() {
        steps.add(new HangUp(null));
        return this;
    }

    /** Hangs up during the next command of this kind ({@code WAIT FOR DIGIT}); earlier ones run as usual. */
    public FakeCaller hangUpDuring(String verb) {
        steps.add(new HangUp(verb));
        return this;
    }

    public FakeCaller hangUpWhileIdle() {
        steps.add(new HangUpIdle());
        return this;
    }

    public FakeCaller speak(Duration length, MessageEnd end) {
        steps.add(new Speak(length, end));
        return this;
    }

    Step peek() {
        return steps.peek();
    }

    Step take() {
        return steps.poll();
    }

    /** Whether the caller did everything it was scripted to do. */
    public boolean done() {
        return steps.isEmpty();
    }
}
