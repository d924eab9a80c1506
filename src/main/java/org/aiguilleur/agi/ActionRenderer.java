package org.aiguilleur.agi;

import java.time.Duration;
import java.util.List;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Prompt;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * Renders the engine's actions as AGI commands on one call's channel. Prompts of a menu are played
 * with the menu's keys as escape digits (barge-in); a key that stops a prompt is the first key of
 * the entry, and the command that collects the rest is sent at once, since Asterisk drops keys
 * pressed between two commands. A missing sound file never stops input collection: the wait for
 * keys runs on silence.
 *
 * <p>{@code result=-1} means a hang-up or a missing file. While collecting, the next command tells
 * which (511 on a dead channel), so no CHANNEL STATUS is sent between two commands that collect
 * keys; a prompt played without input is checked with CHANNEL STATUS at once.
 */
final class ActionRenderer implements Action.Visitor<Step> {
    /** Silence that ends a call-back message. */
    static final int RECORD_SILENCE_SECONDS = 5;
    /** A message shorter than this is no message (the caller hung up at the beep). */
    static final Duration SHORTEST_MESSAGE = Duration.ofSeconds(1);
    private static final int SAMPLES_PER_SECOND = 8000;

    private final AgiLine line;
    private final Sounds sounds;
    private final String recordings;
    private boolean silenceMissing;
    /** A file that answered -1 while collecting: missing if the next command finds the channel up. */
    private String suspect;

    ActionRenderer(AgiLine line, Sounds sounds, String recordings) {
        this.line = line;
        this.sounds = sounds;
        this.recordings = recordings.endsWith("/") ? recordings.substring(0, recordings.length() - 1) : recordings;
    }

    /** Renders a turn until an action waits for the caller or hands the call over. */
    Step render(List<Action> turn) {
        for (Action action : turn) {
            Step step = action.accept(this);
            if (!step.isNext()) {
                return step;
            }
        }
        return Step.NEXT;
    }

    private interface Wire {
        Step run() throws AgiException;
    }

    /** AGI exceptions become steps here: a hang-up is an event for the engine, not an exception. */
    private static Step guarded(Wire wire) {
        try {
            return wire.run();
        } catch (AgiHangupException | AgiNetworkException e) {
            return Step.HANGUP;
        } catch (AgiException e) {
            return Step.failed(e);
        }
    }

    @Override
    public Step play(Action.Play play) {
        return guarded(() -> {
            for (Prompt p : play.prompts()) {
                if (!stream(p, "")) {
                    return Step.HANGUP;
                }
            }
            return Step.NEXT;
        });
    }

    @Override
    public Step collect(Action.Collect collect) {
        return guarded(() -> {
            String first = "";
            for (Prompt p : collect.prompts()) {
                String path = sounds.path(p);
                int code = send(new AgiCommands.StreamFile(path, collect.keys())).getResultCode();
                if (code > 0) {
                    first = String.valueOf((char) code);
                    break;
                }
                if (code < 0) {
                    suspect = path;
                }
            }
            int timeout = (int) Math.min(Integer.MAX_VALUE, collect.timeout().toMillis());
            if (!first.isEmpty()) {
                if (collect.maxDigits() == 1) {
                    return Step.input(new Event.Digits(first));
                }
                if ("#".equals(first)) {
                    return Step.input(new Event.Invalid("# before any key"));
                }
                return keys(first, collect.maxDigits() - 1, timeout);
            }
            if (collect.maxDigits() == 1) {
                return oneKey(timeout);
            }
            return keys("", collect.maxDigits(), timeout);
        });
    }

    @Override
    public Step record(Action.Record record) {
        return guarded(() -> {
            for (Prompt p : record.prompts()) {
                if (!stream(p, "")) {
                    return Step.HANGUP;
                }
            }
            String file = recordings + "/" + record.name();
            String location = file + ".wav";
            int maxMs = (int) Math.min(Integer.MAX_VALUE, record.maxLength().toMillis());
            AgiReply reply = send(new AgiCommands.RecordFile(file, "wav", record.finishKeys(), maxMs, 0, true,
                    RECORD_SILENCE_SECONDS));
            Duration length = Duration.ofMillis(endpos(reply) * 1000L / SAMPLES_PER_SECOND);
            boolean message = length.compareTo(SHORTEST_MESSAGE) >= 0;
            if (reply.getResultCode() < 0) {
                if ("hangup".equals(reply.getExtra()) || !line.stillUp()) {
                    // A message followed by a hang-up is still a message.
                    return message ? Step.inputThenHangup(new Event.Recorded(location, length)) : Step.HANGUP;
                }
                return Step.input(new Event.Invalid("recording failed: " + reply.getExtra()));
            }
            return Step.input(message ? new Event.Recorded(location, length) : new Event.Timeout());
        });
    }

    @Override
    public Step enqueue(Action.Enqueue enqueue) {
        return Step.HANDED_OVER;
    }

    @Override
    public Step bridgeInterpreter(Action.BridgeInterpreter bridge) {
        return Step.HANDED_OVER;
    }

    @Override
    public Step transfer(Action.Transfer transfer) {
        return Step.HANDED_OVER;
    }

    @Override
    public Step hangup(Action.Hangup hangup) {
        return Step.ENDED;
    }

    /** Sends a command; a reply means the channel was up, so a suspect file was indeed missing. */
    private AgiReply send(org.asteriskjava.fastagi.command.AgiCommand command) throws AgiException {
        AgiReply reply = line.send(command);
        if (suspect != null) {
            sounds.missing(suspect);
            suspect = null;
        }
        return reply;
    }

    /** Plays one prompt with no barge-in; false when the caller hung up. */
    private boolean stream(Prompt prompt, String escape) throws AgiException {
        String path = sounds.path(prompt);
        AgiReply reply = send(new AgiCommands.StreamFile(path, escape));
        return reply.getResultCode() >= 0 || missing(path);
    }

    /** After a -1: true (and noted) when the file is missing on a live channel, false on a hang-up. */
    private boolean missing(String path) throws AgiException {
        if (line.stillUp()) {
            sounds.missing(path);
            return true;
        }
        return false;
    }

    private Step oneKey(int timeout) throws AgiException {
        int code = send(new AgiCommands.WaitForDigit(timeout)).getResultCode();
        if (code == 0) {
            return Step.input(new Event.Timeout());
        }
        if (code < 0) {
            return line.stillUp() ? Step.input(new Event.Invalid("WAIT FOR DIGIT failed")) : Step.HANGUP;
        }
        return Step.input(new Event.Digits(String.valueOf((char) code)));
    }

    /** Collects up to {@code more} keys after {@code first}: GET DATA on silence, else key by key. */
    private Step keys(String first, int more, int timeout) throws AgiException {
        if (!silenceMissing) {
            String silence = sounds.silence();
            AgiReply reply = send(new AgiCommands.GetData(silence, timeout, more));
            String got = reply.getResult();
            if (!"-1".equals(got)) {
                return entry(first + got, "timeout".equals(reply.getExtra()));
            }
            // GET DATA needs a file to play: without the silence file, wait key by key (on a hang-up
            // instead, the first WAIT FOR DIGIT gets 511).
            suspect = silence;
            silenceMissing = true;
        }
        StringBuilder digits = new StringBuilder(first);
        boolean timedOut = false;
        for (int i = 0; i < more; i++) {
            int code = send(new AgiCommands.WaitForDigit(timeout)).getResultCode();
            if (code == 0) {
                timedOut = true;
                break;
            }
            if (code < 0) {
                if (!line.stillUp()) {
                    return Step.HANGUP;
                }
                break;
            }
            if (code == '#') {
                break;
            }
            digits.append((char) code);
        }
        return entry(digits.toString(), timedOut);
    }

    private static Step entry(String digits, boolean timedOut) {
        if (!digits.isEmpty()) {
            return Step.input(new Event.Digits(digits));
        }
        // Nothing: a time-out, or # alone ("200 result=" with no "(timeout)").
        return Step.input(timedOut ? new Event.Timeout() : new Event.Invalid("# alone"));
    }

    private static long endpos(AgiReply reply) {
        String e = reply.getAttribute("endpos");
        if (e == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(e));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
