package org.aiguilleur.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Conference;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.interpreter.BridgeDriver;
import org.aiguilleur.interpreter.InterpreterCall;
import org.aiguilleur.twilio.signature.TwilioSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interpreted calls on Twilio: each caller waits in a {@code <Conference>} named after their CallSid,
 * and the interpreter and agent legs are placed into it through the REST API. Twilio's call and
 * conference status callbacks ({@code /twilio/interpreter/...}, signed like every Twilio webhook)
 * become bridge events. REST calls block, so each conference's commands and events run on one of a
 * few lanes (single threads), never on the webhook threads; one conference always uses the same
 * lane, so its events keep their order.
 *
 * <p>The agent: with agent delivery on, the caller is reported waiting for an agent of their queue in
 * the conference ({@link TwilioCall.Bridged#FOR_DELIVERY}); agent delivery picks one, calls them with
 * the whisper and, once they accept, sends their leg to {@value #AGENT_JOIN}, which puts it in the
 * conference. Without agent delivery the bridge calls the queue's configured number itself.
 */
final class TwilioInterpreters implements AutoCloseable {
    static final String WAIT = "/twilio/interpreter/wait";
    static final String ANNOUNCE = "/twilio/interpreter/announce";
    static final String LEG_STATUS = "/twilio/interpreter/leg-status";
    static final String CONFERENCE = "/twilio/interpreter/conference";
    static final String AFTER = "/twilio/interpreter/after";
    /** An agent's leg, chosen and called by agent delivery, joins the caller's conference. */
    static final String AGENT_JOIN = "/twilio/interpreter/agent";
    static final String PREFIX = "aig-";
    private static final Logger LOG = LoggerFactory.getLogger(TwilioInterpreters.class);
    private static final int LANES = 4;
    /** Silence between two waiting messages. */
    private static final int WAIT_PAUSE_SECONDS = 10;

    private final TwilioRestClient rest;
    private final TwilioSignatures urls;
    private final Supplier<TwimlWriter> writer;
    private final Function<String, Optional<String>> agentNumbers;
    private final java.util.function.Predicate<String> agentDelivery;
    private final Supplier<org.aiguilleur.config.Configuration> config;
    private final java.util.function.Consumer<String> agentJoined;
    private final ScheduledExecutorService timers;
    private final ExecutorService[] lanes = new ExecutorService[LANES];
    private final Map<String, TwilioConference> byName = new ConcurrentHashMap<>();

    /**
     * @param agentNumbers  the number that reaches an agent of a queue (their ring group), if any; used
     *                      when agent delivery is off
     * @param agentDelivery the queues whose agent agent delivery chooses and calls
     * @param config        the configuration in force (its enabled providers)
     * @param agentJoined   told the caller's CallSid when an agent joins their conference (the records)
     */
    TwilioInterpreters(TwilioRestClient rest, TwilioSignatures urls, Supplier<TwimlWriter> writer,
                       Function<String, Optional<String>> agentNumbers, java.util.function.Predicate<String> agentDelivery,
                       Supplier<org.aiguilleur.config.Configuration> config, java.util.function.Consumer<String> agentJoined) {
        this.agentDelivery = agentDelivery;
        this.config = config;
        this.agentJoined = agentJoined;
        this.rest = rest;
        this.urls = urls;
        this.writer = writer;
        this.agentNumbers = agentNumbers;
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("twilio-interpreter-timers"));
        for (int i = 0; i < LANES; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(daemon("twilio-interpreter-" + i));
        }
    }

    /** The conference a caller waits in. */
    static String conferenceName(String callSid) {
        return PREFIX + callSid;
    }

    /**
     * Starts the bridge of a caller about to join their conference (the TwiML answering this request).
     *
     * @param dialled the number the caller dialled (ours): the caller id of the legs placed
     * @param agentDelivered whether agent delivery brings the agent (else the queue's configured number)
     */
    void start(String callSid, String dialled, InterpreterCall call, boolean agentDelivered) {
        String name = conferenceName(callSid);
        TwilioConference legs = new TwilioConference(rest, this, name, callSid, dialled, agentDelivered);
        BridgeDriver driver = new BridgeDriver(call, legs, this::schedule,
                e -> LOG.error("interpreter bridge {}: {}", name, e.toString()));
        legs.attach(driver);
        byName.put(name, legs);
        lane(name).execute(driver::start);
    }

    /** The caller's {@code <Dial><Conference>}: waits alone hearing the wait URL, ends it on leaving. */
    com.twilio.twiml.voice.Dial callerDial(String callSid) {
        String name = conferenceName(callSid);
        Conference c = conference(name).startConferenceOnEnter(false).endConferenceOnExit(true)
                .waitUrl(url(WAIT, name, null)).waitMethod(HttpMethod.POST).build();
        return new com.twilio.twiml.voice.Dial.Builder().action(url(AFTER, name, null)).method(HttpMethod.POST)
                .conference(c).build();
    }

    /** A placed leg's TwiML: the whisper (to that leg alone), then the conference, which it starts. */
    String legTwiml(String name, List<Prompt> whisper) {
        VoiceResponse.Builder out = new VoiceResponse.Builder();
        writer.get().speak(whisper, out);
        out.dial(new com.twilio.twiml.voice.Dial.Builder()
                .conference(conference(name).startConferenceOnEnter(true).endConferenceOnExit(false).build()).build());
        return out.build().toXml();
    }

    private Conference.Builder conference(String name) {
        return new Conference.Builder(name).beep(Conference.Beep.FALSE)
                .statusCallback(url(CONFERENCE, name, null)).statusCallbackMethod(HttpMethod.POST)
                .statusCallbackEvents(List.of(Conference.Event.START, Conference.Event.END, Conference.Event.JOIN,
                        Conference.Event.LEAVE));
    }

    String url(String path, String name, String leg) {
        String q = path + "?c=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return urls.publicUrl(leg == null ? q : q + "&leg=" + leg);
    }

    String announceUrl(String name, int index) {
        return url(ANNOUNCE, name, null) + "&n=" + index;
    }

    Optional<String> agentNumber(String queue) {
        return agentNumbers.apply(queue);
    }

    /**
     * Whether the bridge takes an interpreted caller of {@code queue} into a conference, and who brings
     * the agent: no when a bridge already runs for the call, no provider is enabled, or (without agent
     * delivery for the queue) the queue has no configured number.
     */
    TwilioCall.Bridged takes(String callSid, String queue) {
        if (bridging(callSid) || config.get().interpreters().enabled().isEmpty()) {
            return TwilioCall.Bridged.NO;
        }
        if (agentDelivery.test(queue)) {
            return TwilioCall.Bridged.FOR_DELIVERY;
        }
        return agentNumber(queue).isPresent() ? TwilioCall.Bridged.WITH_NUMBER : TwilioCall.Bridged.NO;
    }

    /** How agent delivery brings an agent into this caller's conference; empty when none runs for them. */
    Optional<org.aiguilleur.agents.delivery.Conferences.Leg> conferenceLeg(String callSid) {
        TwilioConference c = byName.get(conferenceName(callSid));
        return c == null || c.over() ? Optional.empty()
                : Optional.of(new org.aiguilleur.agents.delivery.Conferences.Leg(
                        java.net.URI.create(url(AGENT_JOIN, c.name(), null)), c.from()));
    }

    /** An agent joined the caller's conference. */
    void agentJoined(String callerSid) {
        agentJoined.accept(callerSid);
    }

    void ended(TwilioConference conference) {
        // Late callbacks of its legs (they name the conference) find nothing and are answered empty.
        byName.remove(conference.name(), conference);
    }

    /** Whether a bridge runs for this caller (their conference is being set up or in use). */
    boolean bridging(String callSid) {
        return byName.containsKey(conferenceName(callSid));
    }

    // --- webhooks -----------------------------------------------------------------------------

    /** {@value #WAIT}: what the caller hears, repeated, until someone joins. */
    byte[] waitTwiml(WebhookRequest r) {
        VoiceResponse.Builder out = new VoiceResponse.Builder();
        Optional<List<Prompt>> prompts = find(r).flatMap(TwilioConference::waitingPrompts);
        // Twilio plays the wait URL's answer in a loop: while the bridge is still starting (the caller
        // joined within the instant of the decision), a one-second pause brings it back soon.
        prompts.ifPresent(p -> writer.get().speak(p, out));
        out.pause(new Pause.Builder().length(prompts.isPresent() ? WAIT_PAUSE_SECONDS : 1).build());
        return bytes(out);
    }

    /** {@value #ANNOUNCE}: an announcement to the caller in the conference. */
    byte[] announceTwiml(WebhookRequest r) {
        VoiceResponse.Builder out = new VoiceResponse.Builder();
        int index = r.param("n").map(TwilioInterpreters::number).orElse(-1);
        find(r).ifPresent(c -> writer.get().speak(c.announcement(index), out));
        return bytes(out);
    }

    /** {@value #LEG_STATUS}: an interpreter or agent leg's call status. */
    byte[] legStatus(WebhookRequest r) {
        Optional<TwilioConference> c = find(r);
        String leg = r.param("leg").orElse("");
        String status = r.field("CallStatus").orElse("");
        c.ifPresent(conf -> lane(conf.name()).execute(() -> conf.legStatus(leg, status)));
        return bytes(new VoiceResponse.Builder());
    }

    /** {@value #CONFERENCE}: a conference event (participant-join, participant-leave, conference-end...). */
    byte[] conferenceEvent(WebhookRequest r) {
        Optional<TwilioConference> c = find(r);
        String event = r.field("StatusCallbackEvent").orElse("");
        String conferenceSid = r.field("ConferenceSid").orElse(null);
        String callSid = r.field("CallSid").orElse(null);
        if (event.equals("participant-leave") && callSid != null) {
            c.filter(conf -> callSid.equals(conf.callerSid())).ifPresent(TwilioConference::callerLeaving);
        }
        c.ifPresent(conf -> lane(conf.name()).execute(() -> conf.conferenceEvent(event, conferenceSid, callSid)));
        return bytes(new VoiceResponse.Builder());
    }

    /**
     * {@value #AGENT_JOIN}: an agent's leg (called by agent delivery, whisper heard, call accepted)
     * joins the conference; a conference already over hangs it up.
     */
    byte[] agentJoin(WebhookRequest r) {
        Optional<TwilioConference> c = find(r).filter(conf -> !conf.over());
        Optional<String> leg = r.callSid();
        if (c.isEmpty() || leg.isEmpty()) {
            return bytes(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()));
        }
        c.get().agentLeg(leg.get());
        return legTwiml(c.get().name(), List.of()).getBytes(StandardCharsets.UTF_8);
    }

    /** {@value #AFTER}: the caller's conference is over; the call ends. */
    byte[] after(WebhookRequest r) {
        return bytes(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()));
    }

    /** The caller's call ended (the door's status callback). */
    void callerGone(String callSid) {
        TwilioConference c = byName.get(conferenceName(callSid));
        if (c != null) {
            c.callerLeaving();
            lane(c.name()).execute(c::callerGone);
        }
    }

    private Optional<TwilioConference> find(WebhookRequest r) {
        return r.param("c").map(byName::get);
    }

    private ExecutorService lane(String name) {
        return lanes[Math.floorMod(name.hashCode(), LANES)];
    }

    private Runnable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    private static byte[] bytes(VoiceResponse.Builder out) {
        return out.build().toXml().getBytes(StandardCharsets.UTF_8);
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timers.shutdownNow();
        for (ExecutorService l : lanes) {
            l.shutdownNow();
        }
    }
}
