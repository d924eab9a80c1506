package org.aiguilleur.twilio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.aiguilleur.flow.Event;

/**
 * A call's inputs so far, written into the callback URLs Twilio calls back (it signs them, so they
 * cannot be altered): the call's start and each event with its time. Replaying them through a new
 * session of the same configuration rebuilds the call on any server instance, after a restart too.
 * No caller number is in it (Twilio sends {@code From} with every request).
 *
 * <p>Format (then base64url): {@code 1.<start ms>.<offset ms>:<event>.<offset ms>:<event>...},
 * numbers in base 36, texts in base64url.
 */
final class CallToken {
    /** One event and when it reached the engine. */
    record Timed(Event event, Instant at) {
    }

    /** A decoded token. */
    record State(Instant startedAt, List<Timed> events) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    private static final Event.QueueStatus[] STATUSES = Event.QueueStatus.values();

    private CallToken() {
    }

    /** The plain-text part for one event (kept by a live call and joined by {@link #of}). */
    static String event(Instant startedAt, Timed t) {
        String offset = Long.toString(Math.max(0, Duration.between(startedAt, t.at()).toMillis()), 36);
        Event e = t.event();
        String body;
        if (e instanceof Event.Digits d) {
            body = "d" + text(d.digits());
        } else if (e instanceof Event.Speech s) {
            body = "s" + text(s.text());
        } else if (e instanceof Event.Timeout) {
            body = "t";
        } else if (e instanceof Event.Invalid i) {
            body = "i" + text(i.reason());
        } else if (e instanceof Event.Recorded r) {
            body = "r" + Long.toString(r.length().toSeconds(), 36) + "," + text(r.location());
        } else if (e instanceof Event.TransferFailed f) {
            body = "f" + text(f.reason());
        } else if (e instanceof Event.QueueEnded q) {
            body = "q" + q.status().ordinal();
        } else {
            throw new IllegalArgumentException("not replayable: " + e.getClass().getSimpleName());
        }
        return offset + ":" + body;
    }

    /** The token's text before base64url: an older state of a call is a prefix of a newer one. */
    static String plain(Instant startedAt, List<String> events) {
        StringBuilder b = new StringBuilder("1.").append(Long.toString(startedAt.toEpochMilli(), 36));
        for (String e : events) {
            b.append('.').append(e);
        }
        return b.toString();
    }

    static String encode(String plain) {
        return B64.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of a token; throws {@link IllegalArgumentException} when it is not base64url. */
    static String decode(String token) {
        return new String(D64.decode(token), StandardCharsets.UTF_8);
    }

    /** Reads a token; throws {@link IllegalArgumentException} when it is not one of ours. */
    static State parse(String token) {
        try {
            return parsePlain(decode(token));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a call token", e);
        }
    }

    private static State parsePlain(String plain) {
        String[] parts = plain.split("\\.", -1);
        if (parts.length < 2 || !parts[0].equals("1")) {
            throw new IllegalArgumentException("unknown call token version");
        }
        Instant start = Instant.ofEpochMilli(Long.parseLong(parts[1], 36));
        List<Timed> events = new ArrayList<>(parts.length - 2);
        for (int i = 2; i < parts.length; i++) {
            String p = parts[i];
            int colon = p.indexOf(':');
            if (colon < 1 || colon == p.length() - 1) {
                throw new IllegalArgumentException("bad event in call token");
            }
            Instant at = start.plusMillis(Long.parseLong(p.substring(0, colon), 36));
            String rest = p.substring(colon + 2);
            events.add(new Timed(switch (p.charAt(colon + 1)) {
                case 'd' -> new Event.Digits(untext(rest));
                case 's' -> new Event.Speech(untext(rest));
                case 't' -> new Event.Timeout();
                case 'i' -> new Event.Invalid(untext(rest));
                case 'r' -> {
                    int comma = rest.indexOf(',');
                    yield new Event.Recorded(untext(rest.substring(comma + 1)),
                            Duration.ofSeconds(Long.parseLong(rest.substring(0, comma), 36)));
                }
                case 'f' -> new Event.TransferFailed(untext(rest));
                case 'q' -> new Event.QueueEnded(STATUSES[Integer.parseInt(rest)]);
                default -> throw new IllegalArgumentException("bad event in call token");
            }, at));
        }
        return new State(start, events);
    }

    private static String text(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String untext(String s) {
        return new String(D64.decode(s), StandardCharsets.UTF_8);
    }
}
