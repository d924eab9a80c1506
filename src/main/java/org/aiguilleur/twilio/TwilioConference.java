package org.aiguilleur.twilio;

import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Conference;
import com.twilio.rest.api.v2010.account.conference.Participant;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.interpreter.BridgeCommand;
import org.aiguilleur.interpreter.BridgeDriver;
import org.aiguilleur.interpreter.BridgeEvent;
import org.aiguilleur.interpreter.Dial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's Twilio conference: the bridge's legs as REST calls, Twilio's callbacks as bridge
 * events. Legs are known by the CallSid Twilio returned for them; the caller's by the call's own.
 * Methods run on the bridge's thread (commands) and webhook threads (events): state is synchronized,
 * REST calls are made outside the lock.
 */
final class TwilioConference implements BridgeDriver.Legs {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioConference.class);
    static final String AGENT = "agent";

    private final TwilioRestClient rest;
    private final TwilioInterpreters owner;
    private final String name;
    private final String callerSid;
    private final String from;
    private final boolean agentDelivered;
    private BridgeDriver driver;
    private String conferenceSid;
    private final Map<String, String> legs = new HashMap<>(); // CallSid -> tag (attempt number or "agent")
    private final Map<String, String> sids = new HashMap<>(); // tag -> CallSid
    private final Set<String> joined = new HashSet<>();
    private final Set<String> earlyJoins = new HashSet<>();
    private List<Prompt> waiting = List.of();
    private boolean told; // whether the bridge said yet what the caller hears while waiting
    private final List<List<Prompt>> announcements = new ArrayList<>();
    private final List<List<Prompt>> said = new ArrayList<>();
    private boolean ended;
    private boolean callerLeft;

    /**
     * @param from the number the caller dialled (ours), the caller id of the legs we place
     * @param agentDelivered whether agent delivery calls the agent in (else the bridge calls the queue's number)
     */
    TwilioConference(TwilioRestClient rest, TwilioInterpreters owner, String name, String callerSid, String from,
                     boolean agentDelivered) {
        this.agentDelivered = agentDelivered;
        this.rest = rest;
        this.owner = owner;
        this.name = name;
        this.callerSid = callerSid;
        this.from = from;
    }

    void attach(BridgeDriver d) {
        this.driver = d;
    }

    String name() {
        return name;
    }

    /** The caller's CallSid. */
    String callerSid() {
        return callerSid;
    }

    /** The caller id of the legs placed into this conference. */
    String from() {
        return from;
    }

    /** Whether the conference was ended, or is about to be: the caller left. */
    synchronized boolean over() {
        return ended || callerLeft;
    }

    /** The caller left (said on the webhook's thread, before the bridge hears it on its lane). */
    synchronized void callerLeaving() {
        callerLeft = true;
    }

    /** Agent delivery's agent is about to join (their leg asked for the conference): known as the agent leg. */
    void agentLeg(String callSid) {
        placed(AGENT, callSid);
    }

    // --- commands -----------------------------------------------------------------------------

    @Override
    public void dial(Dial dial) {
        String tag = String.valueOf(dial.attempt());
        Call call = Call.creator(new PhoneNumber(dial.number()), new PhoneNumber(from),
                        new Twiml(owner.legTwiml(name, List.of())))
                .setSendDigits(dial.dtmf())
                .setTimeout((int) Math.max(1, dial.timeout().toSeconds()))
                .setStatusCallback(owner.url(TwilioInterpreters.LEG_STATUS, name, tag))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .create(rest);
        placed(tag, call.getSid());
    }

    @Override
    public void hangUp(int attempt) {
        String sid;
        synchronized (this) {
            sid = sids.get(String.valueOf(attempt));
        }
        if (sid != null) {
            hangUpCall(sid);
        }
    }

    @Override
    public void deliverAgent(BridgeCommand.DeliverAgent deliver) {
        if (agentDelivered) {
            // The caller was reported waiting for an agent in this conference: agent delivery calls one in.
            return;
        }
        Optional<String> to = owner.agentNumber(deliver.queue());
        if (to.isEmpty()) {
            // The door starts no bridge for such a queue; a reload may have removed its number since.
            LOG.error("interpreter bridge {}: no number for an agent of {} any more", name, deliver.queue());
            return;
        }
        Call call = Call.creator(new PhoneNumber(to.get()), new PhoneNumber(from),
                        new Twiml(owner.legTwiml(name, deliver.whisper())))
                .setStatusCallback(owner.url(TwilioInterpreters.LEG_STATUS, name, AGENT))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(List.of("answered", "completed"))
                .create(rest);
        placed(AGENT, call.getSid());
    }

    @Override
    public void playToCaller(BridgeCommand.PlayToCaller play) {
        String conf;
        synchronized (this) {
            told = true;
            if (play.whileWaiting()) {
                waiting = play.prompts();
                return;
            }
            waiting = List.of(); // nobody is being connected any more: the caller holds in silence
            announcements.add(play.prompts());
            conf = conferenceSid;
        }
        if (conf != null) {
            announce(conf);
        }
    }

    @Override
    public void endConference() {
        String conf;
        List<String> calls;
        synchronized (this) {
            ended = true;
            conf = conferenceSid;
            calls = new ArrayList<>(legs.keySet());
        }
        if (conf != null) {
            try {
                Conference.updater(conf).setStatus(Conference.UpdateStatus.COMPLETED).update(rest);
            } catch (TwilioException e) {
                LOG.warn("interpreter bridge {}: ending the conference failed ({}); hanging up its legs", name,
                        e.getClass().getSimpleName());
            }
        }
        calls.forEach(this::hangUpCall);
        hangUpCall(callerSid);
        owner.ended(this);
    }

    // --- Twilio's callbacks -------------------------------------------------------------------

    /** A leg's call status callback. */
    void legStatus(String tag, String status) {
        switch (status) {
            case "busy" -> failed(tag, BridgeEvent.Failure.BUSY);
            case "no-answer" -> failed(tag, BridgeEvent.Failure.NO_ANSWER);
            case "failed", "canceled" -> failed(tag, BridgeEvent.Failure.FAILED);
            case "completed" -> left(tag);
            default -> { }
        }
    }

    /** A conference status callback. */
    void conferenceEvent(String event, String conferenceSid, String callSid) {
        boolean first;
        synchronized (this) {
            first = this.conferenceSid == null && conferenceSid != null;
            if (first) {
                this.conferenceSid = conferenceSid;
            }
        }
        if (first && hasAnnouncements()) {
            announce(conferenceSid);
        }
        if (callSid == null) {
            return;
        }
        if (event.equals("participant-join")) {
            String tag;
            synchronized (this) {
                tag = legs.get(callSid);
                if (tag == null && !callSid.equals(callerSid)) {
                    earlyJoins.add(callSid); // joined before Twilio's answer to our create reached us
                }
            }
            if (tag != null) {
                join(tag);
            }
        } else if (event.equals("participant-leave")) {
            if (callSid.equals(callerSid)) {
                driver.on(new BridgeEvent.CallerLeft());
                return;
            }
            String tag;
            synchronized (this) {
                tag = legs.get(callSid);
            }
            if (tag != null) {
                left(tag);
            }
        }
    }

    /** The caller's own call ended. */
    void callerGone() {
        driver.on(new BridgeEvent.CallerLeft());
    }

    /** An announcement already sent to Twilio, by its index in the announce URL. */
    synchronized List<Prompt> announcement(int index) {
        return index >= 0 && index < said.size() ? said.get(index) : List.of();
    }

    /** What the caller hears while waiting alone; empty (and not yet told) while the bridge starts. */
    synchronized Optional<List<Prompt>> waitingPrompts() {
        return told ? Optional.of(waiting) : Optional.empty();
    }

    // --- helpers ------------------------------------------------------------------------------

    private void placed(String tag, String sid) {
        boolean early;
        boolean drop;
        synchronized (this) {
            drop = ended;
            legs.put(sid, tag);
            sids.put(tag, sid);
            early = earlyJoins.remove(sid);
        }
        if (drop) {
            hangUpCall(sid);
        } else if (early) {
            join(tag);
        }
    }

    private void join(String tag) {
        synchronized (this) {
            if (!joined.add(tag)) {
                return;
            }
        }
        if (tag.equals(AGENT)) {
            owner.agentJoined(callerSid);
            driver.on(new BridgeEvent.AgentJoined());
        } else {
            driver.on(new BridgeEvent.LegAnswered(Integer.parseInt(tag)));
        }
    }

    private void left(String tag) {
        synchronized (this) {
            if (!joined.remove(tag) && tag.equals(AGENT)) {
                return; // an agent leg that never joined: no agent was there to leave
            }
        }
        if (tag.equals(AGENT)) {
            driver.on(new BridgeEvent.AgentLeft());
        } else {
            driver.on(new BridgeEvent.InterpreterLeft(Integer.parseInt(tag)));
        }
    }

    private void failed(String tag, BridgeEvent.Failure why) {
        if (!tag.equals(AGENT)) {
            driver.on(new BridgeEvent.LegFailed(Integer.parseInt(tag), why));
        }
    }

    private synchronized boolean hasAnnouncements() {
        return !announcements.isEmpty();
    }

    /** Plays the pending announcements to the caller alone (the participant's announce URL). */
    private void announce(String conf) {
        List<Integer> now = new ArrayList<>();
        synchronized (this) {
            for (List<Prompt> p : announcements) {
                said.add(p);
                now.add(said.size() - 1);
            }
            announcements.clear();
        }
        for (int index : now) {
            try {
                Participant.updater(conf, callerSid).setAnnounceUrl(owner.announceUrl(name, index))
                        .setAnnounceMethod(HttpMethod.POST).update(rest);
            } catch (TwilioException e) {
                LOG.warn("interpreter bridge {}: announcement failed ({})", name, e.getClass().getSimpleName());
            }
        }
    }

    private void hangUpCall(String sid) {
        try {
            Call.updater(sid).setStatus(Call.UpdateStatus.COMPLETED).update(rest);
        } catch (TwilioException e) {
            // Already gone (404, or not in progress): nothing is left to release.
        }
    }
}
