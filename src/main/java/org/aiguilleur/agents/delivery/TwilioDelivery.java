package org.aiguilleur.agents.delivery;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Queue;
import com.twilio.rest.api.v2010.account.queue.Member;
import com.twilio.type.Client;
import com.twilio.type.Endpoint;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Sip;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Reach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a waiting caller to the URL that connects them to their agent, through Twilio's REST API:
 * the queue member is dequeued to that URL; if Twilio says the call is not (or not yet) in that queue,
 * the call itself is redirected. A caller waiting in their interpreter conference
 * ({@link org.aiguilleur.agents.WaitingCaller#conference()}) stays there: the agent is called instead,
 * with the whisper as the call's URL and the leg's final status going to {@link AgentUrls#legResult}.
 * Blocking (network): run it off the webhook threads.
 */
public final class TwilioDelivery {
    /** What became of one attempt. */
    public enum Result {
        /** The call now runs the connect URL. */
        MOVED,
        /** The call has ended: nobody to deliver. */
        CALLER_GONE,
        /** Twilio could not be reached or refused (rate limit, server error): try again later. */
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(TwilioDelivery.class);
    /** Twilio's error for updating a call that is no longer in progress. */
    private static final int CALL_NOT_IN_PROGRESS = 21220;
    private static final Duration QUEUE_LIST_REFRESH = Duration.ofSeconds(30);

    private final TwilioRestClient client;
    private final AgentUrls urls;
    private final InstantSource clock;
    private final Map<String, String> queueSids = new ConcurrentHashMap<>();
    private volatile Instant listedAt = Instant.MIN;

    private final OfferAgents agents;
    private final Conferences conferences;

    public TwilioDelivery(TwilioRestClient client, AgentUrls urls, InstantSource clock) {
        this(client, urls, clock, null, Conferences.NONE);
    }

    /**
     * @param agents      the roster, for the reach of an agent called into a conference
     * @param conferences where interpreted callers wait in a conference
     */
    public TwilioDelivery(TwilioRestClient client, AgentUrls urls, InstantSource clock, OfferAgents agents,
                          Conferences conferences) {
        this.client = client;
        this.urls = urls;
        this.clock = clock;
        this.agents = agents;
        this.conferences = conferences;
    }

    /** Moves the offer's caller to the connect URL (or calls the agent into their conference). Never throws. */
    public Result deliver(Offer offer) {
        if (offer.caller().conference()) {
            return callIntoConference(offer);
        }
        URI url = urls.connect(offer.id(), offer.caller().queue());
        String call = offer.callId();
        try {
            Optional<String> queueSid = queueSid(offer.caller().queue());
            if (queueSid.isPresent()) {
                try {
                    Member.updater(queueSid.get(), call, url).setMethod(HttpMethod.POST).update(client);
                    return Result.MOVED;
                } catch (ApiException e) {
                    if (status(e) != 404) {
                        return failed("dequeue", e);
                    }
                    // Not in that queue (not yet, or no longer): move the call wherever it is.
                }
            }
            Call.updater(call).setUrl(url).setMethod(HttpMethod.POST).update(client);
            return Result.MOVED;
        } catch (ApiException e) {
            if (status(e) == 404 || (e.getCode() != null && e.getCode() == CALL_NOT_IN_PROGRESS)) {
                return Result.CALLER_GONE;
            }
            return failed("redirect", e);
        } catch (TwilioException | IllegalArgumentException e) {
            return failed("redirect", e);
        }
    }

    /** Calls the agent; their leg runs the whisper, then joins the caller's conference once they accept. */
    private Result callIntoConference(Offer offer) {
        Optional<Conferences.Leg> leg = conferences.of(offer.callId());
        if (leg.isEmpty()) {
            // Not held here (another instance's conference), or over: the caller's hang-up, when it
            // comes, forgets them; until then they are tried again later, never dropped.
            return failed("agent call", new IllegalStateException("no conference of this instance holds the caller"));
        }
        Optional<Agent> agent = agents == null ? Optional.empty() : agents.roster().agent(offer.agentId());
        if (agent.isEmpty()) {
            return failed("agent call", new IllegalStateException("agent no longer listed"));
        }
        try {
            Call.creator(endpoint(agent.get().reach()), new PhoneNumber(leg.get().from()), urls.whisper(offer.id()))
                    .setMethod(HttpMethod.POST)
                    .setTimeout((int) Math.max(1, agents.roster().answerTimeout().toSeconds()))
                    .setStatusCallback(urls.legResult(offer.id(), offer.caller().queue()))
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setStatusCallbackEvent(List.of("completed"))
                    .create(client);
            return Result.MOVED;
        } catch (TwilioException | IllegalArgumentException e) {
            return failed("agent call", e);
        }
    }

    private static Endpoint endpoint(Reach r) {
        // Java 17: no pattern switch yet; Reach is sealed, so these three cases are all.
        if (r instanceof Reach.Phone p) {
            return new PhoneNumber(p.number());
        } else if (r instanceof Reach.Client c) {
            return new Client(Client.PREFIX + c.identity());
        }
        return new Sip(((Reach.Sip) r).uri());
    }

    private Optional<String> queueSid(String friendlyName) {
        String sid = queueSids.get(friendlyName);
        Instant now = clock.instant();
        if (sid == null && listedAt.plus(QUEUE_LIST_REFRESH).isBefore(now)) {
            listedAt = now;
            try {
                for (Queue q : Queue.reader().read(client)) {
                    queueSids.put(q.getFriendlyName(), q.getSid());
                }
            } catch (TwilioException e) {
                LOG.warn("could not list Twilio queues: {}", describe(e));
            }
            sid = queueSids.get(friendlyName);
        }
        return Optional.ofNullable(sid);
    }

    private static int status(ApiException e) {
        return e.getStatusCode() == null ? 0 : e.getStatusCode();
    }

    private static Result failed(String what, RuntimeException e) {
        LOG.warn("Twilio {} failed, the caller keeps waiting: {}", what, describe(e));
        return Result.FAILED;
    }

    /** The error without its message's free text (which may quote a URL). */
    private static String describe(RuntimeException e) {
        if (e instanceof ApiException a) {
            return "HTTP " + a.getStatusCode() + " code " + a.getCode();
        }
        return e.getClass().getSimpleName();
    }
}
