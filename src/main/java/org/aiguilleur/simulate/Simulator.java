package org.aiguilleur.simulate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallSession;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Prompt;

/**
 * Plays a scripted caller against the engine. Each input is used at the next input point (a menu
 * or a recording): a digit string ({@code 1}, {@code 476}), {@code speech:TEXT}, {@code timeout}
 * or {@code hangup}. Once the inputs run out, every further input point times out.
 */
public final class Simulator {
    /** More turns than any journey can take: a guard against a looping flow. */
    private static final int MAX_TURNS = 200;

    private Simulator() {
    }

    /** One line of the transcript. */
    public sealed interface Line {
        /** The caller hears a prompt. */
        record Heard(String promptId, String language, String text) implements Line {
        }

        /** The engine waits for input at a step. */
        record Asked(String step) implements Line {
        }

        /** The caller's input. */
        record Input(String token) implements Line {
        }

        /** The engine hands the call over or ends it. */
        record Did(String what) implements Line {
        }
    }

    /** The transcript and what the engine decided. */
    public record Run(List<Line> transcript, CallResult result) {
    }

    /** Checks one input token; returns an error message, or null when it is valid. */
    public static String invalidToken(String token) {
        if (token.equals("timeout") || token.equals("hangup") || token.startsWith("speech:")) {
            return null;
        }
        if (!token.isEmpty() && token.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '*' || c == '#')) {
            return null;
        }
        return "\"" + token + "\" is not keys (0-9 * #), speech:TEXT, timeout or hangup";
    }

    public static Run run(Engine engine, CallStart start, List<String> inputs) {
        Deque<String> queue = new ArrayDeque<>(inputs);
        List<Line> transcript = new ArrayList<>();
        CallSession call = engine.newCall(start);
        List<Action> turn = call.begin();
        for (int i = 0; i < MAX_TURNS && !turn.isEmpty(); i++) {
            Action last = null;
            for (Action a : turn) {
                describe(a, transcript);
                last = a;
            }
            if (!(last instanceof Action.Collect) && !(last instanceof Action.Record)) {
                break;
            }
            String token = queue.isEmpty() ? "timeout" : queue.poll();
            transcript.add(new Line.Input(token));
            turn = call.handle(event(token, last));
        }
        return new Run(List.copyOf(transcript), call.result());
    }

    private static Event event(String token, Action waiting) {
        if (token.equals("hangup")) {
            return new Event.Hangup();
        }
        if (waiting instanceof Action.Record r) {
            // A recording ends with a key, silence or its limit: in every case a message was left.
            return new Event.Recorded("simulator:" + r.name(), Duration.ofSeconds(20));
        }
        if (token.equals("timeout")) {
            return new Event.Timeout();
        }
        if (token.startsWith("speech:")) {
            return new Event.Speech(token.substring("speech:".length()));
        }
        return new Event.Digits(token);
    }

    private static void describe(Action a, List<Line> out) {
        a.accept(new Action.Visitor<Void>() {
            @Override
            public Void play(Action.Play p) {
                heard(p.prompts(), out);
                return null;
            }

            @Override
            public Void collect(Action.Collect c) {
                heard(c.prompts(), out);
                out.add(new Line.Asked(c.step()));
                return null;
            }

            @Override
            public Void record(Action.Record r) {
                heard(r.prompts(), out);
                out.add(new Line.Asked("record"));
                return null;
            }

            @Override
            public Void enqueue(Action.Enqueue q) {
                out.add(new Line.Did("enqueue " + q.queue()));
                return null;
            }

            @Override
            public Void bridgeInterpreter(Action.BridgeInterpreter b) {
                out.add(new Line.Did("interpreter " + b.language() + " on " + b.queue()));
                return null;
            }

            @Override
            public Void transfer(Action.Transfer t) {
                out.add(new Line.Did("transfer " + t.destination()));
                return null;
            }

            @Override
            public Void hangup(Action.Hangup h) {
                out.add(new Line.Did("hang up"));
                return null;
            }
        });
    }

    private static void heard(List<Prompt> prompts, List<Line> out) {
        prompts.forEach(x -> out.add(new Line.Heard(x.id(), x.language(), x.text())));
    }
}
