package org.aiguilleur.twilio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.TwilioSettings;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.server.HttpRoute;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.twilio.signature.TwilioSignatures;

/**
 * Twilio's front door: the voice webhooks, mounted on the HTTP door as {@link #routes()}. Each
 * path takes signed form POSTs only; see docs/TWILIO.md for pointing a number at them.
 */
public final class TwilioWebhooks {
    /** A call comes in (the number's voice URL). */
    public static final String VOICE = "/twilio/voice";
    /** Call status changes (the number's status callback URL). */
    public static final String STATUS = "/twilio/status";
    /** The number's fallback URL: always queues the caller at the default queue. */
    public static final String FALLBACK = "/twilio/fallback";
    public static final String GATHER = "/twilio/gather";
    public static final String RECORD = "/twilio/record";
    public static final String DIAL = "/twilio/dial";
    public static final String QUEUE_WAIT = "/twilio/queue-wait";
    public static final String QUEUE_RESULT = "/twilio/queue-result";
    /** The environment variable with the account's auth token. */
    public static final String TOKEN_ENV = "TWILIO_AUTH_TOKEN";
    /** The environment variable with the public base URL (overrides {@code twilio.public-url}). */
    public static final String URL_ENV = "AIGUILLEUR_PUBLIC_URL";

    private static final String LAST_RESORT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Enqueue>%s</Enqueue></Response>";

    private final LiveConfig live;
    private final TwilioSignatures signatures;
    private final CallWebhooks hooks;
    private final TwilioCalls calls;
    private final AtomicReference<Rendering> rendering = new AtomicReference<>();
    private final TwilioInterpreters interpreters;
    private final GuardedSinks sinks;
    private volatile SharedHangUps sharedHangUps;

    private record Rendering(TwilioSettings settings, TwimlWriter writer) {
    }

    private TwilioWebhooks(LiveConfig live, TwilioSignatures signatures, CallEvents events, CallerQueue queue,
                           Interpreting interpreting) {
        this.live = live;
        this.signatures = signatures;
        TwilioSettings settings = live.config().settings().twilio();
        this.sinks = new GuardedSinks(events, queue);
        this.interpreters = interpreting == null ? null
                : new TwilioInterpreters(interpreting.rest(), signatures, this::writer, interpreting.agentNumbers(),
                        interpreting.agentDelivery(), live::config, this::agentJoined);
        TwilioInterpreters bridge = interpreters;
        this.calls = new TwilioCalls(live, new TwilioCall.Reporters(sinks, sinks,
                (callId, q) -> bridge == null ? TwilioCall.Bridged.NO : bridge.takes(callId, q)), settings.callsInMemory());
        this.hooks = new CallWebhooks(calls, live::config, this::writer, sinks, sinks, interpreters);
    }

    /**
     * The interpreter bridge on Twilio: the account's REST client, which places the interpreter and
     * agent legs, and who brings the agent. For a queue {@code agentDelivery} accepts (agent delivery
     * runs and its roster has agents for the queue), agent delivery picks a roster agent and calls them
     * into the caller's conference (give the desk {@link #conferenceLeg} as its {@code Conferences});
     * otherwise the bridge calls the number that reaches an agent of the queue (a ring group or a SIP
     * address), and a queue with neither is not bridged.
     */
    public record Interpreting(com.twilio.http.TwilioRestClient rest,
                               java.util.function.Function<String, Optional<String>> agentNumbers,
                               java.util.function.Predicate<String> agentDelivery) {
        public Interpreting {
            Objects.requireNonNull(rest, "rest");
            Objects.requireNonNull(agentNumbers, "agentNumbers");
            Objects.requireNonNull(agentDelivery, "agentDelivery");
        }

        /** The bridge calling the configured numbers itself (no agent delivery). */
        public Interpreting(com.twilio.http.TwilioRestClient rest,
                            java.util.function.Function<String, Optional<String>> agentNumbers) {
            this(rest, agentNumbers, queue -> false);
        }
    }

    /**
     * How agent delivery brings an agent into an interpreted caller's conference (an
     * {@link org.aiguilleur.agents.delivery.Conferences}); empty when no conference of this instance
     * holds that caller.
     */
    public Optional<org.aiguilleur.agents.delivery.Conferences.Leg> conferenceLeg(String callSid) {
        return interpreters == null ? Optional.empty() : interpreters.conferenceLeg(callSid);
    }

    /** The public base URL Twilio calls and the account's auth token. */
    public record Credentials(String publicUrl, String authToken) {
        @Override
        public String toString() {
            return "Credentials[" + publicUrl + "]";
        }
    }

    /**
     * The public URL and auth token from {@code env} ({@value #URL_ENV}, {@value #TOKEN_ENV}), else
     * from the configuration and its secrets file.
     *
     * @throws SetupException when either is missing
     */
    public static Credentials credentials(LiveConfig live, Map<String, String> env) throws SetupException {
        TwilioSettings s = live.config().settings().twilio();
        String url = Optional.ofNullable(env.get(URL_ENV)).filter(u -> !u.isBlank())
                .or(() -> s.publicUrl().map(Object::toString))
                .orElseThrow(() -> new SetupException("no public URL: set twilio.public-url or " + URL_ENV));
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new SetupException(URL_ENV + " is not an http(s) URL");
        }
        url = url.replaceAll("/+$", "");
        String token = Optional.ofNullable(env.get(TOKEN_ENV)).filter(t -> !t.isBlank()).orElse(null);
        if (token == null && s.authTokenFile().isPresent()) {
            try {
                token = Files.readString(s.authTokenFile().get(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new SetupException("cannot read twilio.auth-token-file " + s.authTokenFile().get()
                        + ": " + e.getClass().getSimpleName());
            }
        }
        if (token == null || token.isEmpty()) {
            throw new SetupException("no Twilio auth token: set " + TOKEN_ENV + " or twilio.auth-token-file");
        }
        return new Credentials(url, token);
    }

    /**
     * The webhooks on the live configuration, with the credentials from {@code env} (see
     * {@link #credentials}).
     *
     * @throws SetupException when the public URL or the auth token is missing
     */
    public static TwilioWebhooks create(LiveConfig live, Map<String, String> env, CallEvents events, CallerQueue queue)
            throws SetupException {
        return create(live, credentials(live, env), events, queue);
    }

    /** The webhooks on the live configuration with these credentials. */
    public static TwilioWebhooks create(LiveConfig live, Credentials credentials, CallEvents events, CallerQueue queue) {
        return create(live, credentials, events, queue, null);
    }

    /**
     * The same, with the interpreter bridge: interpreted callers wait in a conference while an
     * interpreter service is dialled in (when a provider is enabled). {@code interpreting} null: no bridge.
     */
    public static TwilioWebhooks create(LiveConfig live, Credentials credentials, CallEvents events, CallerQueue queue,
                                        Interpreting interpreting) {
        return new TwilioWebhooks(live, new TwilioSignatures(credentials.publicUrl(), credentials.authToken()),
                Objects.requireNonNull(events), Objects.requireNonNull(queue), interpreting);
    }

    /**
     * Several instances behind a load balancer: every final status is published in {@code records}
     * ({@code call_hangup}) and reaches the newest copy of the call, on whichever instance holds it;
     * see {@link SharedHangUps}. Call {@link SharedHangUps#start} on the result (polling every second)
     * or poll it yourself; {@link #close} stops it.
     *
     * @param bidWindow   how long instances holding a copy of the call have to say how new it is (at
     *                    least twice the poll interval)
     * @param orphanAfter how long a published hang-up waits for its best copy's instance before any
     *                    instance handles it
     */
    public SharedHangUps shareHangUps(org.aiguilleur.records.store.Database records, java.time.Duration bidWindow,
                                      java.time.Duration orphanAfter) {
        SharedHangUps shared = new SharedHangUps(records, calls, sinks, live.clock(), bidWindow, orphanAfter);
        this.sharedHangUps = shared;
        hooks.shareHangUps(shared);
        return shared;
    }

    /** Stops the interpreter bridge's threads (calls in progress keep their Twilio legs). */
    public void close() {
        if (sharedHangUps != null) {
            sharedHangUps.close();
        }
        if (interpreters != null) {
            interpreters.close();
        }
    }

    /**
     * The TwiML that puts a waiting caller back in their queue (agent delivery, after an agent did not
     * take the call): the door's {@code <Enqueue>} with its wait announcements and, when this instance
     * has the call, the queue result going back to the engine. A caller this instance does not know
     * goes to the fallback when the queue lets go, never nowhere.
     */
    public String enqueueTwiml(WaitingCaller caller) {
        return new String(hooks.requeue(caller), StandardCharsets.UTF_8);
    }

    /**
     * Agent delivery says an agent took {@code caller} (an {@link org.aiguilleur.agents.AnsweredCalls}):
     * the call's record says answered, by {@code agentId}, at {@code at}. Offers the agent missed say
     * nothing: the caller is back in the queue, and may still be answered or abandon.
     */
    public void agentAnswered(WaitingCaller caller, String agentId, java.time.Instant at) {
        calls.agentAnswered(caller, agentId, at);
    }

    /** An agent joined an interpreted caller's conference (the calls exist by then). */
    private void agentJoined(String callSid) {
        calls.agentJoined(callSid);
    }

    /** The handlers to mount on the HTTP door. */
    public List<HttpRoute> routes() {
        // The call webhooks are engine turns in memory: they answer on Jetty's I/O thread while the
        // caller queue and the prompts cannot make them wait (see SignedWebhook).
        java.util.function.BooleanSupplier inMemory = () -> sinks.immediate() && !live.promptsMayWait();
        java.util.function.BooleanSupplier pool = () -> false;
        List<HttpRoute> out = new java.util.ArrayList<>(List.of(
                route(VOICE, hooks::voice, inMemory),
                route(STATUS, hooks::status, inMemory),
                route(FALLBACK, hooks::fallback, inMemory),
                route(GATHER, hooks::gather, inMemory),
                route(RECORD, hooks::record, inMemory),
                route(DIAL, hooks::dial, inMemory),
                route(QUEUE_RESULT, hooks::queueResult, inMemory),
                route(QUEUE_WAIT, r -> QueueWait.answer(r, live.config(), writer()), inMemory)));
        if (interpreters != null) {
            out.add(route(TwilioInterpreters.WAIT, interpreters::waitTwiml, pool));
            out.add(route(TwilioInterpreters.ANNOUNCE, interpreters::announceTwiml, pool));
            out.add(route(TwilioInterpreters.LEG_STATUS, interpreters::legStatus, pool));
            out.add(route(TwilioInterpreters.CONFERENCE, interpreters::conferenceEvent, pool));
            out.add(route(TwilioInterpreters.AFTER, interpreters::after, pool));
            out.add(route(TwilioInterpreters.AGENT_JOIN, interpreters::agentJoin, pool));
        }
        return List.copyOf(out);
    }

    /** The signature checker, for other features' Twilio webhooks (agent delivery, interpreters). */
    public TwilioSignatures signatures() {
        return signatures;
    }

    private HttpRoute route(String path, SignedWebhook.Webhook hook, java.util.function.BooleanSupplier inline) {
        int max = live.config().settings().twilio().maxRequestBytes();
        return new HttpRoute(path, new SignedWebhook(signatures, max, hook, hooks::fallback,
                String.format(LAST_RESORT, live.config().settings().defaultQueue()).getBytes(StandardCharsets.UTF_8),
                inline));
    }

    /** The renderer for the configuration in force (voices change with a reload). */
    private TwimlWriter writer() {
        Configuration c = live.config();
        TwilioSettings s = c.settings().twilio();
        Rendering r = rendering.get();
        if (r == null || r.settings() != s) {
            r = new Rendering(s, new TwimlWriter(signatures, new Voices(s), s.transferTimeout()));
            rendering.set(r);
        }
        return r.writer();
    }

    /** The webhooks cannot run: what is missing. */
    public static final class SetupException extends Exception {
        public SetupException(String message) {
            super(message);
        }
    }
}
