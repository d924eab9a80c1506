package org.aiguilleur.agi;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.config.Settings;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallSession;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.routing.RouteDecision;
import org.aiguilleur.server.LiveConfig;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AGI script {@code 211}: one caller's journey. It takes the engine in force when the call
 * starts, feeds it the caller's input and renders its actions, then sets the channel variables the
 * dialplan routes on and returns. Any failure of ours still sets {@code queued} with the default
 * queue: the caller reaches a person.
 */
final class CallScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(CallScript.class);

    private final LiveConfig live;
    private final CallEvents events;
    private final AtomicReference<Sounds> sounds = new AtomicReference<>(new Sounds(""));

    CallScript(LiveConfig live, CallEvents events) {
        this.live = live;
        this.events = events;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        InstantSource clock = live.clock();
        Instant startedAt = clock.instant();
        Settings settings = live.config().settings();
        Engine engine = live.engine();
        CallStart start = callStart(request);
        CallSession session = engine.newCall(start);
        AgiLine line = new AgiLine(channel);
        ActionRenderer renderer = new ActionRenderer(line, sounds(settings.agiDoor()), settings.agiDoor().recordings());
        boolean hungUp = false;
        String failure = null;
        try {
            List<Action> turn = session.begin();
            while (true) {
                Step step = renderer.render(turn);
                if (step.failure() != null) {
                    failure = step.failure().getClass().getSimpleName() + ": " + step.failure().getMessage();
                    break;
                }
                if (step.handedOver()) {
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
        } else if (!hungUp && result.outcome().isEmpty()) {
            result = toDefaultQueue(result, settings.defaultQueue(), "no decision", clock.instant());
        }
        Optional<String> fallback = result.outcome().filter(o -> o == Outcome.TRANSFERRED)
                .map(o -> fallbackQueue(engine, session.result(), settings.defaultQueue(), clock.instant()));
        setVariables(line, CallVariables.of(result, hungUp, fallback), start);
        LOG.debug("call {}: {}", start.callId(), hungUp ? "hangup" : result.outcome().map(Outcome::id).orElse(""));
        emit(new CallEvent.IvrEnded(start.callId(), clock.instant(), start, startedAt, result));
    }

    private Sounds sounds(Settings.AgiDoor asterisk) {
        String prefix = asterisk.streamPrefix();
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

    /** Where a failed transfer goes: the queue the engine's routing gives the caller now. */
    private static String fallbackQueue(Engine engine, CallResult result, String defaultQueue, Instant now) {
        try {
            RouteDecision d = engine.router().route(result.region().orElse("unknown"), result.language().orElse("fr-CA"),
                    now, LiveStaffing.UNKNOWN, java.util.Set.of());
            if (d instanceof RouteDecision.Queue q) {
                return q.queue();
            }
            if (d instanceof RouteDecision.Interpreter i) {
                return i.queue();
            }
        } catch (RuntimeException e) {
            LOG.warn("no fallback queue for a transfer; the default queue is used", e);
        }
        return defaultQueue;
    }

    private static CallResult toDefaultQueue(CallResult r, String queue, String error, Instant now) {
        return new CallResult(Optional.of(Outcome.QUEUED), Optional.of(queue), r.language(), r.region(),
                r.regionSource(), r.need(), Optional.empty(), Optional.empty(), r.callback(), r.recording(),
                Optional.empty(), r.path(), r.prompts(), Optional.of(now), Optional.of(r.error().orElse(error)));
    }

    private static void setVariables(AgiLine line, Map<String, String> variables, CallStart start) {
        for (Map.Entry<String, String> v : variables.entrySet()) {
            try {
                line.send(new SetVariableCommand(v.getKey(), v.getValue()));
            } catch (AgiHangupException | AgiNetworkException e) {
                // The connection is gone (SET VARIABLE itself works on a dead channel): nothing more to tell.
                LOG.debug("call {}: connection closed before {} was set", start.callId(), v.getKey());
                return;
            } catch (AgiException e) {
                LOG.error("call {}: could not set {}", start.callId(), v.getKey(), e);
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
