package org.aiguilleur.agents.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.presence.PresenceStore;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.agents.roster.Whisper;
import org.aiguilleur.routing.Region;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks for delivering a caller to an agent, under {@link AgentUrls#PREFIX}:
 * <ul>
 *   <li>{@code connect}: the caller's call, dequeued to us: {@code <Dial>} the agent;</li>
 *   <li>{@code whisper}: the agent's leg, answered: what they hear (and the accept key);</li>
 *   <li>{@code accept}: the key the agent pressed (the right key: the agent took the call, and the
 *       {@link org.aiguilleur.agents.AnsweredCalls} listener hears it);</li>
 *   <li>{@code dial-result}: the {@code <Dial>} ended: done, or back at the front of the line and on
 *       to the next agent;</li>
 *   <li>{@code leg-result}: the final status of an agent's leg called into an interpreted caller's
 *       conference ({@link Conferences}): done, or the caller (still in the conference) back at the
 *       front of the line and on to the next agent.</li>
 * </ul>
 * For a caller waiting in a conference, the agent's own leg runs the whisper; accepting sends that leg
 * to the conference's join URL.
 * Every request must be a POST with a valid {@code X-Twilio-Signature} (403 otherwise, logged without
 * caller data). Whatever goes wrong, the caller's leg gets TwiML that puts them back in their queue.
 */
public final class AgentCallHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCallHandler.class);
    private static final int MAX_FIELDS = 100;
    private static final int MAX_FORM_BYTES = 32 * 1024;
    private static final java.util.Set<String> FINAL = java.util.Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private final PresenceStore store;
    private final Dispatcher dispatcher;
    private final OfferAgents agents;
    private final TwilioSignature signature;
    private final AgentUrls urls;
    private final InstantSource clock;
    private final Requeue requeue;
    private final Function<String, Optional<String>> regionName;
    private final Function<String, Optional<String>> queueLanguage;
    private final Supplier<String> defaultQueue;
    private final Conferences conferences;

    /**
     * @param regionName    a region id's name
     * @param queueLanguage a queue's language, empty for a queue not configured
     * @param defaultQueue  where a call goes when its own queue is not known
     */
    public AgentCallHandler(PresenceStore store, Dispatcher dispatcher, Roster roster, TwilioSignature signature,
                            InstantSource clock, Requeue requeue, Function<String, Optional<String>> regionName,
                            Function<String, Optional<String>> queueLanguage, String defaultQueue) {
        this(store, dispatcher, OfferAgents.fixed(roster), signature, clock, requeue, regionName, queueLanguage,
                () -> defaultQueue);
    }

    /**
     * The same, following configuration reloads: {@code agents} gives the roster in force, the region
     * and queue functions and {@code defaultQueue} are read at each request.
     */
    public AgentCallHandler(PresenceStore store, Dispatcher dispatcher, OfferAgents agents, TwilioSignature signature,
                            InstantSource clock, Requeue requeue, Function<String, Optional<String>> regionName,
                            Function<String, Optional<String>> queueLanguage, Supplier<String> defaultQueue) {
        this(store, dispatcher, agents, signature, clock, requeue, regionName, queueLanguage, defaultQueue, Conferences.NONE);
    }

    /** The same, with the conferences interpreted callers wait in. */
    public AgentCallHandler(PresenceStore store, Dispatcher dispatcher, OfferAgents agents, TwilioSignature signature,
                            InstantSource clock, Requeue requeue, Function<String, Optional<String>> regionName,
                            Function<String, Optional<String>> queueLanguage, Supplier<String> defaultQueue,
                            Conferences conferences) {
        this.conferences = conferences;
        this.store = store;
        this.dispatcher = dispatcher;
        this.agents = agents;
        this.signature = signature;
        this.urls = new AgentUrls(signature.publicBase());
        this.clock = clock;
        this.requeue = requeue;
        this.regionName = regionName;
        this.queueLanguage = queueLanguage;
        this.defaultQueue = defaultQueue;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (!path.startsWith(AgentUrls.PREFIX + "/")) {
            return false;
        }
        String step = path.substring(AgentUrls.PREFIX.length() + 1);
        if (!List.of("connect", "whisper", "accept", "dial-result", "leg-result").contains(step)) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Fields form;
        try {
            form = FormFields.getFields(request, MAX_FIELDS, MAX_FORM_BYTES);
        } catch (RuntimeException e) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "malformed or oversized form");
            return true;
        }
        if (!signature.verify(request, form)) {
            LOG.warn("refused an agent webhook ({}) with a missing or invalid Twilio signature", step);
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        String offerId = value(query, "offer");
        String queue = value(query, "queue");
        String twiml;
        try {
            twiml = switch (step) {
                case "connect" -> connect(offerId, queue, form);
                case "whisper" -> whisper(offerId);
                case "accept" -> accept(offerId, value(form, "Digits"), value(query, "key"));
                case "leg-result" -> legResult(offerId, form);
                default -> dialResult(offerId, queue, form);
            };
        } catch (RuntimeException e) {
            LOG.error("agent webhook {} failed; the caller goes back to the queue", step, e);
            twiml = step.equals("whisper") || step.equals("accept") ? AgentTwiml.hangup()
                    : step.equals("leg-result") ? AgentTwiml.empty() : back(queue, form);
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml; charset=utf-8");
        response.write(true, ByteBuffer.wrap(twiml.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private String connect(String offerId, String queue, Fields form) {
        Roster roster = agents.roster();
        Optional<Offer> offer = store.offer(offerId).filter(o -> o.callId().equals(value(form, "CallSid")));
        if (offer.isEmpty()) {
            return back(queue, form);
        }
        Optional<Agent> agent = roster.agent(offer.get().agentId());
        if (agent.isEmpty()) {
            // A reload removed the agent before their phone rang: the next agent, or back to waiting.
            return nextAgent(offer.get(), store.failed(offerId, clock.instant(), clock.instant()));
        }
        return AgentTwiml.dial(offer.get(), agent.get(), urls, roster.answerTimeout());
    }

    private String whisper(String offerId) {
        Instant now = clock.instant();
        Roster roster = agents.roster();
        Optional<Offer> offer = store.offer(offerId);
        Optional<OfferAgents.Listed> listed = offer.flatMap(o -> agents.ofOffer(o.agentId()));
        if (offer.isEmpty() || listed.isEmpty() || !store.answered(offerId, now)) {
            return AgentTwiml.hangup();
        }
        Offer o = offer.get();
        Optional<java.net.URI> join = Optional.empty();
        if (o.caller().conference()) {
            join = conferences.of(o.callId()).map(Conferences.Leg::join);
            if (join.isEmpty()) {
                return AgentTwiml.hangup(); // the caller's conference is over: the leg result forgets them
            }
        }
        Whisper w = listed.get().whisper();
        if (roster.acceptKey().isEmpty() && store.taken(offerId, now)) {
            dispatcher.taken(o, now);
        }
        String language = queueLanguage.apply(o.caller().queue()).orElse(o.caller().language());
        String text = WhisperText.of(w, o.caller(), language, regionName, roster.acceptKey());
        return AgentTwiml.whisper(text, w, roster.acceptKey(), urls, offerId, join);
    }

    /** @param told the key the whisper asked for (empty on URLs from before it was in them: the configured key) */
    private String accept(String offerId, String digits, String told) {
        Instant now = clock.instant();
        Optional<String> key = told.isEmpty() ? agents.roster().acceptKey() : Optional.of(told);
        Optional<Offer> offer = store.offer(offerId);
        // An agent called into a conference goes there; if it is over, they take nothing.
        Optional<java.net.URI> join = offer.filter(o -> o.caller().conference())
                .flatMap(o -> conferences.of(o.callId())).map(Conferences.Leg::join);
        boolean reachable = offer.isPresent() && (!offer.get().caller().conference() || join.isPresent());
        if (reachable && key.isPresent() && key.get().equals(digits) && store.taken(offerId, now)) {
            dispatcher.taken(offer.get(), now);
            return join.map(AgentTwiml::redirect).orElseGet(AgentTwiml::empty);
        }
        // Declined (another key): the agent's leg hangs up and the Dial result puts the caller back.
        return AgentTwiml.hangup();
    }

    private String dialResult(String offerId, String queue, Fields form) {
        Instant now = clock.instant();
        Optional<Offer> offer = store.offer(offerId);
        if (offer.isEmpty()) {
            return "completed".equals(value(form, "CallStatus")) ? AgentTwiml.empty() : back(queue, form);
        }
        if ("completed".equals(value(form, "CallStatus"))) {
            // The caller hung up.
            dispatcher.deliver(store.abandoned(offerId, now));
            return AgentTwiml.empty();
        }
        String status = value(form, "DialCallStatus");
        if (store.isTaken(offerId) && ("completed".equals(status) || "answered".equals(status))) {
            dispatcher.deliver(store.finished(offerId, now));
            return AgentTwiml.hangup();
        }
        // No answer, busy, failed, declined, or answered without taking the call.
        return nextAgent(offer.get(), store.notTaken(offerId, now));
    }

    /**
     * The agent's leg into a conference ended. Taken: the conversation is over (the agent left, or the
     * bridge ended the conference), the agent is idle. Not taken (no answer, busy, failed, declined,
     * silent): the agent is set away and the caller, still in their conference, goes back to the front
     * for the next agent; a caller whose conference is over is forgotten.
     */
    private String legResult(String offerId, Fields form) {
        Instant now = clock.instant();
        Optional<Offer> offer = store.offer(offerId);
        if (offer.isEmpty() || !offer.get().caller().conference() || !FINAL.contains(value(form, "CallStatus"))) {
            return AgentTwiml.empty();
        }
        if (store.isTaken(offerId)) {
            dispatcher.deliver(store.finished(offerId, now));
        } else if (conferences.of(offer.get().callId()).isEmpty()) {
            dispatcher.deliver(store.abandoned(offerId, now));
        } else {
            dispatcher.deliver(store.notTaken(offerId, now));
        }
        return AgentTwiml.empty();
    }

    /** After {@code offer} ended untaken: this caller's next offer if {@code next} has one, else back to waiting. */
    private String nextAgent(Offer offer, List<Offer> next) {
        Optional<Offer> mine = next.stream().filter(o -> o.callId().equals(offer.callId())).findFirst();
        dispatcher.deliver(next.stream().filter(o -> mine.isEmpty() || o != mine.get()).toList());
        // This caller's webhook is in hand: send them straight to the next agent without the REST API.
        return mine.map(o -> AgentTwiml.redirect(urls.connect(o.id(), o.caller().queue())))
                .orElseGet(() -> requeue(offer.caller()));
    }

    /** Back into the queue, when nothing else is known about the call. */
    private String back(String queue, Fields form) {
        String q = queue.isEmpty() ? defaultQueue.get() : queue;
        String callId = value(form, "CallSid");
        return requeue(new WaitingCaller(callId, q, "und", Region.UNKNOWN, "other", "", clock.instant()));
    }

    /** The door's requeue TwiML; a plain {@code <Enqueue>} if that fails, so the caller still waits for a person. */
    private String requeue(WaitingCaller caller) {
        try {
            return requeue.twiml(caller);
        } catch (RuntimeException e) {
            LOG.error("the door's requeue TwiML failed; using a plain Enqueue", e);
            return Requeue.PLAIN.twiml(caller);
        }
    }

    private static String value(Fields fields, String name) {
        String v = fields.getValue(name);
        return v == null ? "" : v;
    }
}
