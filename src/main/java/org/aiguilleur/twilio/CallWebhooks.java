package org.aiguilleur.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Hangup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Event;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;

/**
 * What each Twilio webhook means for the engine: Twilio's parameters become {@link Event}s, the
 * engine's turn becomes TwiML. Thin on purpose: the decisions are the engine's.
 */
final class CallWebhooks {
    private static final Pattern KEYS = Pattern.compile("[0-9*#]{1,32}");
    private static final Set<String> ENDED = Set.of("completed", "busy", "failed", "no-answer", "canceled");
    /** Speech longer than this is cut, so that call tokens (URLs) stay short; no menu needs more. */
    static final int MAX_SPEECH = 120;
    // Fixed answers, rendered once: the SDK's XML writer is slow.
    private static final byte[] EMPTY = new VoiceResponse.Builder().build().toXml().getBytes(StandardCharsets.UTF_8);
    private static final byte[] HANGUP = new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml()
            .getBytes(StandardCharsets.UTF_8);

    private final TwilioCalls calls;
    private final Supplier<Configuration> config;
    private final Supplier<TwimlWriter> writer;
    private final CallEvents events;
    private final CallerQueue queue;
    private final TwilioInterpreters interpreters;
    /** Several instances: where final statuses for calls held elsewhere go; null for one instance. */
    private volatile SharedHangUps sharedHangUps;

    CallWebhooks(TwilioCalls calls, Supplier<Configuration> config, Supplier<TwimlWriter> writer, CallEvents events,
                 CallerQueue queue) {
        this(calls, config, writer, events, queue, null);
    }

    /** @param interpreters the interpreter bridge on Twilio, or null (interpreted callers are queued) */
    CallWebhooks(TwilioCalls calls, Supplier<Configuration> config, Supplier<TwimlWriter> writer, CallEvents events,
                 CallerQueue queue, TwilioInterpreters interpreters) {
        this.interpreters = interpreters;
        this.calls = calls;
        this.config = config;
        this.writer = writer;
        this.events = events;
        this.queue = queue;
    }

    /** Final statuses for calls this instance does not hold go to {@code shared} (several instances). */
    void shareHangUps(SharedHangUps shared) {
        this.sharedHangUps = shared;
    }

    /** {@code /twilio/voice}: a call comes in. */
    byte[] voice(WebhookRequest r) {
        CallStart start = start(r);
        TwilioCalls.Started s = calls.start(start);
        return render(start, s.turn(), s.call().token());
    }

    /** {@code /twilio/gather}: keys, speech, or nothing in time. */
    byte[] gather(WebhookRequest r) {
        Event event;
        String digits = r.field("Digits").orElse("");
        String speech = r.field("SpeechResult").map(String::strip).orElse("");
        if (!digits.isEmpty()) {
            event = KEYS.matcher(digits).matches() ? new Event.Digits(digits) : new Event.Invalid("keys");
        } else if (!speech.isEmpty()) {
            event = new Event.Speech(speech.length() > MAX_SPEECH ? speech.substring(0, MAX_SPEECH) : speech);
        } else {
            event = new Event.Timeout();
        }
        return next(r, event);
    }

    /** {@code /twilio/record}: a call-back message was recorded (or nothing was). */
    byte[] record(WebhookRequest r) {
        int seconds = number(r.field("RecordingDuration").orElse("0"));
        if (r.param("empty").isEmpty() && r.field("RecordingUrl").isPresent() && seconds > 0) {
            return next(r, new Event.Recorded(r.field("RecordingUrl").get(), Duration.ofSeconds(seconds)));
        }
        return next(r, new Event.Timeout());
    }

    /** {@code /twilio/dial}: a transfer ended; only a failed one goes back to the engine. */
    byte[] dial(WebhookRequest r) {
        String status = r.field("DialCallStatus").orElse("failed").toLowerCase(Locale.ROOT);
        if (status.equals("completed") || status.equals("answered")) {
            return hangup();
        }
        return next(r, new Event.TransferFailed(status));
    }

    /** {@code /twilio/queue-result}: how the caller left the queue. */
    byte[] queueResult(WebhookRequest r) {
        String result = r.field("QueueResult").orElse("error").toLowerCase(Locale.ROOT);
        if (result.equals("redirected")) {
            // Agent delivery took the caller out of the queue to ring an agent; if the agent misses, it
            // puts the caller back (requeue). The engine's call goes on as it was, and the records hear
            // of an answer only when an agent takes the call (TwilioWebhooks.agentAnswered).
            calls.handedOff(start(r).callId());
            return EMPTY.clone();
        }
        Event.QueueStatus status = switch (result) {
            case "bridged", "bridging-in-progress" -> Event.QueueStatus.ANSWERED;
            case "hangup" -> Event.QueueStatus.ABANDONED;
            case "queue-full" -> Event.QueueStatus.FULL;
            // Left after the longest wait, or Twilio failed: route again (overflow), never drop.
            default -> Event.QueueStatus.TIMEOUT;
        };
        return next(r, new Event.QueueEnded(status));
    }

    /** {@code /twilio/status}: the call's status changed; a final status is a hang-up. */
    byte[] status(WebhookRequest r) {
        String status = r.field("CallStatus").orElse("").toLowerCase(Locale.ROOT);
        String sid = r.callSid().orElse("");
        if (ENDED.contains(status) && !sid.isEmpty()) {
            if (interpreters != null) {
                interpreters.callerGone(sid);
            }
            SharedHangUps shared = sharedHangUps;
            if (shared != null) {
                // Several instances: the newest copy of the call, wherever it is, hears it (SharedHangUps);
                // the caller leaves the shared line now.
                queue.left(sid);
                shared.published(sid, calls.now());
            } else if (!calls.hangUp(sid)) {
                // Another instance ran this call: the agents and the records still learn it ended.
                queue.left(sid);
                events.emit(new CallEvent.CallEnded(sid, calls.now()));
            }
        }
        return EMPTY.clone();
    }

    /** {@code /twilio/fallback}, and any webhook that failed: the default queue, where a person answers. */
    byte[] fallback(WebhookRequest r) {
        Configuration c = config.get();
        String defaultQueue = c.settings().defaultQueue();
        String language = c.flow().promptFallback().isEmpty() ? "fr-CA" : c.flow().promptFallback().get(0);
        r.callSid().ifPresent(sid -> queue.waiting(new WaitingCaller(sid, defaultQueue, "und", "unknown", "", "",
                calls.now())));
        VoiceResponse.Builder out = new VoiceResponse.Builder();
        out.enqueue(new Enqueue.Builder(defaultQueue).waitUrl(writer.get().waitUrl(language)).build());
        out.hangup(new Hangup.Builder().build());
        return out.build().toXml().getBytes(StandardCharsets.UTF_8);
    }

    /** The door's {@code <Enqueue>} for a caller put back in their queue. */
    byte[] requeue(WaitingCaller caller) {
        TwimlWriter w = writer.get();
        Enqueue.Builder e = new Enqueue.Builder(caller.queue()).waitUrl(w.waitUrl(caller.language()))
                .waitUrlMethod(com.twilio.http.HttpMethod.POST);
        java.util.Optional<String> token = calls.waitingAgain(caller.callId(), caller.queue());
        token.ifPresent(t -> e.action(w.callback(TwilioWebhooks.QUEUE_RESULT, t)).method(com.twilio.http.HttpMethod.POST));
        VoiceResponse.Builder out = new VoiceResponse.Builder().enqueue(e.build());
        if (token.isEmpty()) {
            out.redirect(new com.twilio.twiml.voice.Redirect.Builder(w.fallbackUrl())
                    .method(com.twilio.http.HttpMethod.POST).build());
        }
        return out.build().toXml().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] next(WebhookRequest r, Event event) {
        String token = r.param("s").orElseThrow(() -> new IllegalArgumentException("no call token"));
        CallStart start = start(r);
        TwilioCalls.Turn turn = calls.next(start, token, event);
        return render(start, turn.actions(), turn.token());
    }

    /**
     * A turn as TwiML. A turn that bridges an interpreter starts the bridge and puts the caller in its
     * conference, when the bridge takes the caller ({@link TwilioInterpreters#takes}); otherwise (or if
     * starting fails) the caller joins the interpreter queue, as without a bridge.
     */
    private byte[] render(CallStart start, List<Action> turn, String token) {
        Action.BridgeInterpreter bridge = null;
        for (Action a : turn) {
            if (a instanceof Action.BridgeInterpreter b) {
                bridge = b;
            }
        }
        if (bridge != null && interpreters != null) {
            try {
                // The same decision the call made when it told the caller queue how this caller waits.
                TwilioCall.Bridged how = interpreters.takes(start.callId(), bridge.queue());
                if (how != TwilioCall.Bridged.NO) {
                    Configuration c = config.get();
                    org.aiguilleur.interpreter.InterpreterBridge b = c.interpreterBridge(calls.clock(), events);
                    interpreters.start(start.callId(), start.dialled(), b.newCall(start.callId(), bridge),
                            how == TwilioCall.Bridged.FOR_DELIVERY);
                    calls.bridgeStarted(start.callId());
                    return writer.get().turn(turn, token, interpreters.callerDial(start.callId()));
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CallWebhooks.class)
                        .error("interpreter bridge not started ({}); the caller joins the interpreter queue", e.toString());
            }
            // Not bridged after all (a start that failed, a reload meanwhile): the caller queue hears it.
            calls.notBridged(start.callId());
        }
        return writer.get().turn(turn, token);
    }

    private static CallStart start(WebhookRequest r) {
        String sid = r.callSid().orElseThrow(() -> new IllegalArgumentException("no CallSid"));
        return new CallStart(sid, "twilio", r.field("From").orElse(""), r.field("To").orElse(""));
    }

    private static byte[] hangup() {
        return HANGUP.clone();
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
