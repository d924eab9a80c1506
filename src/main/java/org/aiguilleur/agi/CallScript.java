package org.aiguilleur.agi;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.aiguilleur.config.Settings;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallSession;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.server.LiveConfig;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.AgiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the 211 journey over AGI. {@link #start} is the script {@code 211}: a new call takes the
 * engine in force, gets the caller's input and the engine's actions rendered. {@link #resume} is
 * {@code 211/queue-ended} and {@code 211/transfer-failed}: the dialplan reports that the queue gave
 * up or the transfer failed, and the call's own session decides again (the next open centre, or the
 * all-busy call-back offer). Either way the script ends by setting the channel variables the
 * dialplan routes on. Any failure of ours still sets {@code queued} with the default queue.
 */
final class CallScript {
    private static final Logger LOG = LoggerFactory.getLogger(CallScript.class);

    private final LiveConfig live;
    private final CallEvents events;
    private final ParkedCalls parked;
    private final AtomicReference<Sounds> sounds = new AtomicReference<>(new Sounds(""));
    private final InterpreterStarter interpreters;

    CallScript(LiveConfig live, CallEvents events, ParkedCalls parked) {
        this(live, events, parked, InterpreterStarter.NONE);
    }

    CallScript(LiveConfig live, CallEvents events, ParkedCalls parked, InterpreterStarter interpreters) {
        this.live = live;
        this.events = events;
        this.parked = parked;
        this.interpreters = interpreters;
    }

    /** The script {@code 211}: a new call. */
    void start(AgiRequest request, AgiChannel channel) {
        Instant startedAt = live.clock().instant();
        Settings settings = live.config().settings();
        CallStart start = callStart(request);
        CallSession session = live.engine().newCall(start);
        drive(new ParkedCalls.Parked(session, start, startedAt, settings, null, false), channel, request.getChannel(),
                session::begin);
    }

    /** {@code 211/queue-ended} or {@code 211/transfer-failed}: what the dialplan reports, for the call's session. */
    void resume(AgiRequest request, AgiChannel channel, Event event) {
        String id = request.getUniqueId() == null ? "" : request.getUniqueId();
        Optional<ParkedCalls.Parked> call = parked.take(id);
        if (call.isEmpty()) {
            // Restarted server, or a call waited longer than we keep calls: the dialplan's default queue.
            LOG.warn("call {}: not known here (server restarted?); the dialplan uses its default queue", id);
            setVariables(new AgiLine(channel), CallVariables.none(), id);
            return;
        }
        ParkedCalls.Parked p = call.get();
        if (event instanceof Event.QueueEnded q) {
            p.session().result().queue().ifPresent(queue -> emit(new CallEvent.QueueLeft(id, live.clock().instant(),
                    queue, q.status(), Optional.empty())));
        }
        drive(p, channel, request.getChannel(), () -> p.session().handle(event));
    }

    /**
     * {@code 211/call-ended}, from the dialplan's {@code h} extension: the whole call is over. Its
     * arguments are what {@code Queue()} left on the caller's channel ({@code MEMBERNAME},
     * {@code QEHOLDTIME}, {@code MEMBERINTERFACE}: set only when a member answered, by
     * {@code setinterfacevar} and {@code setqueueentryvar}). A call still handed to a queue was thus
     * answered by that member, or abandoned in the queue.
     */
    void ended(AgiRequest request) {
        String id = request.getUniqueId() == null ? "" : request.getUniqueId();
        Instant now = live.clock().instant();
        parked.take(id).ifPresent(p -> leftQueueAtHangup(id, p, request.getArguments(), now));
        emit(new CallEvent.CallEnded(id, now));
    }

    private void leftQueueAtHangup(String id, ParkedCalls.Parked p, String[] args, Instant now) {
        CallResult r = p.session().result();
        // A transfer or an interpreter bridge (a conference, not a queue) leaves no queue record here.
        if (!p.inQueue() || r.queue().isEmpty() || p.handedOverAt() == null) {
            return;
        }
        String member = argument(args, 0);
        if (member.isEmpty()) {
            member = argument(args, 2);
        }
        Event.QueueStatus status = member.isEmpty() ? Event.QueueStatus.ABANDONED : Event.QueueStatus.ANSWERED;
        Instant at = now;
        if (status == Event.QueueStatus.ANSWERED) {
            // Answered QEHOLDTIME seconds after this Queue() began, i.e. after the hand-over.
            Instant answered = p.handedOverAt().plusSeconds(seconds(argument(args, 1)));
            at = answered.isAfter(now) ? now : answered;
        }
        try {
            p.session().handle(new Event.QueueEnded(status));
        } catch (RuntimeException e) {
            LOG.error("call {}: the engine failed on the queue's end", id, e);
        }
        emit(new CallEvent.QueueLeft(id, at, r.queue().get(), status,
                member.isEmpty() ? Optional.empty() : Optional.of(member)));
    }

    private static String argument(String[] args, int i) {
        return args != null && args.length > i && args[i] != null ? args[i].trim() : "";
    }

    /** Whole seconds as Asterisk writes them; anything else counts as none. */
    private static long seconds(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(s);
    }

    private void drive(ParkedCalls.Parked call, AgiChannel channel, String channelName,
                       Supplier<List<Action>> firstTurn) {
        InstantSource clock = live.clock();
        CallSession session = call.session();
        CallStart start = call.start();
        Settings settings = call.settings();
        AgiLine line = new AgiLine(channel);
        ActionRenderer renderer = new ActionRenderer(line, sounds(settings.agiDoor()), settings.agiDoor().recordings());
        boolean hungUp = false;
        boolean engineEnded = false;
        String failure = null;
        try {
            List<Action> turn = firstTurn.get();
            while (true) {
                Step step = renderer.render(turn);
                if (step.failure() != null) {
                    failure = step.failure().getClass().getSimpleName() + ": " + step.failure().getMessage();
                    break;
                }
                if (step.handedOver()) {
                    engineEnded = step.engineEnded();
                    break;
                }
                if (step.event() == null) {
                    if (!session.finished()) {
                        failure = "a turn asked nothing of the caller and handed nothing over";
                    }
                    break;
                }
                turn = session.handle(step.event());
                if (step.event() instanceof Event.Hangup) {
                    hungUp = true;
                    break;
                }
                if (step.thenHangup()) {
                    session.handle(new Event.Hangup());
                    hungUp = true;
                    break;
                }
            }
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.error("call {}: the Asterisk door failed; the caller goes to the default queue", start.callId(), e);
        }
        CallResult result = session.result();
        if (failure != null) {
            result = toDefaultQueue(result, settings.defaultQueue(), failure, clock.instant());
            LOG.error("call {}: {}; sent to the default queue {}", start.callId(), failure, settings.defaultQueue());
        } else if (!hungUp && !engineEnded && result.outcome().isEmpty()) {
            result = toDefaultQueue(result, settings.defaultQueue(), "no decision", clock.instant());
        }
        Map<String, String> variables = CallVariables.of(result, hungUp, settings.asterisk().queues().maxWait());
        if (failure == null && "interpreter".equals(variables.get(CallVariables.OUTCOME))) {
            variables = new java.util.LinkedHashMap<>(variables);
            variables.put(CallVariables.BRIDGE, bridge(start.callId(), channelName, result));
        }
        setVariables(line, variables, start.callId());
        String outcome = variables.get(CallVariables.OUTCOME);
        Instant handedOver = clock.instant();
        if (failure == null && (outcome.equals("queued") || outcome.equals("interpreter")
                || outcome.equals("transferred"))) {
            // Queued, or an interpreter call without a bridge: the dialplan runs Queue() for it.
            boolean inQueue = outcome.equals("queued")
                    || outcome.equals("interpreter") && variables.getOrDefault(CallVariables.BRIDGE, "").isEmpty();
            parked.park(start.callId(), call.handedOver(handedOver, inQueue));
        }
        LOG.debug("call {}: {}", start.callId(), outcome);
        emit(new CallEvent.IvrEnded(start.callId(), handedOver, start, call.startedAt(), result));
    }

    /** Starts the interpreter bridge; its conference name, or "" when there is none (the caller is queued). */
    private String bridge(String callId, String channelName, CallResult result) {
        if (result.queue().isEmpty() || channelName == null) {
            return "";
        }
        try {
            Action.BridgeInterpreter b = new Action.BridgeInterpreter(result.queue().get(),
                    result.interpreterLanguage().orElse("und"));
            return interpreters.start(callId, channelName, b) ? callId : "";
        } catch (RuntimeException e) {
            LOG.error("call {}: the interpreter bridge could not start; the caller joins the interpreter queue", callId, e);
            return "";
        }
    }

    private Sounds sounds(Settings.AgiDoor door) {
        String prefix = door.streamPrefix();
        Sounds s = sounds.get();
        if (!s.prefix().equals(prefix)) {
            s = new Sounds(prefix);
            sounds.set(s);
        }
        return s;
    }

    static CallStart callStart(AgiRequest request) {
        Map<String, String> env = request.getRequest();
        String id = request.getUniqueId();
        // The raw values: Asterisk-Java turns "unknown" into null, the engine reads the words itself.
        String callerId = env.getOrDefault("callerid", "");
        String dnid = env.getOrDefault("dnid", "");
        return new CallStart(id == null ? "agi-" + System.nanoTime() : id, "asterisk", callerId,
                "unknown".equals(dnid) ? "" : dnid);
    }

    private static CallResult toDefaultQueue(CallResult r, String queue, String error, Instant now) {
        return new CallResult(Optional.of(Outcome.QUEUED), Optional.of(queue), r.language(), r.region(),
                r.regionSource(), r.need(), Optional.empty(), Optional.empty(), r.callback(), r.recording(),
                Optional.empty(), r.path(), r.prompts(), Optional.of(now), Optional.of(r.error().orElse(error)));
    }

    private static void setVariables(AgiLine line, Map<String, String> variables, String callId) {
        for (Map.Entry<String, String> v : variables.entrySet()) {
            try {
                line.send(new AgiCommands.SetVariable(v.getKey(), v.getValue()));
            } catch (AgiHangupException | AgiNetworkException e) {
                // The connection is gone (SET VARIABLE itself works on a dead channel): nothing more to tell.
                LOG.debug("call {}: connection closed before {} was set", callId, v.getKey());
                return;
            } catch (AgiException e) {
                LOG.error("call {}: could not set {}", callId, v.getKey(), e);
            }
        }
    }

    private void emit(CallEvent event) {
        try {
            events.emit(event);
        } catch (RuntimeException e) {
            LOG.error("call {}: its record was not written", event.callId(), e);
        }
    }
}
