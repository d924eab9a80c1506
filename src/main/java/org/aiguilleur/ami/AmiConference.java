package org.aiguilleur.ami;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.interpreter.BridgeCommand;
import org.aiguilleur.interpreter.BridgeDriver;
import org.aiguilleur.interpreter.BridgeEvent;
import org.aiguilleur.interpreter.BridgeEvent.Failure;
import org.aiguilleur.interpreter.Dial;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerError;

/**
 * One caller's ConfBridge conference: the bridge's legs as AMI actions, AMI events as bridge events.
 * Legs are tagged in their action ids: the attempt number, {@code agent}, or {@code announce-N}.
 */
final class AmiConference implements BridgeDriver.Legs {
    /** Asterisk's OriginateResponse reasons (AST_CONTROL_*). */
    private static final int NO_ANSWER = 3;
    private static final int BUSY = 5;
    private static final String AGENT = "agent";
    /** How long the agent leg may wait in its queue before it is placed again. */
    static final java.time.Duration AGENT_WAIT = java.time.Duration.ofMinutes(10);
    /** The pause before an agent leg that did not connect is placed again. */
    static final java.time.Duration AGENT_RETRY = java.time.Duration.ofSeconds(5);

    private final ManagerConnection connection;
    private final String conference;
    private final String callerChannel;
    private final Function<Prompt, String> soundPath;
    private final Runnable onEnd;
    private final BridgeDriver.Timers timers;
    private BridgeDriver driver;
    private BridgeCommand.DeliverAgent agentLeg;
    // Channels by leg tag once originated, and tags given up before their channel was known.
    private final Map<String, String> channels = new LinkedHashMap<>();
    private final Set<String> abandoned = new HashSet<>();
    private final Map<String, String> earlyJoins = new HashMap<>();
    private int announcements;
    private String waitingAnnouncement;
    // Originates not yet answered by an OriginateResponse: the conference keeps receiving events
    // until the last one, so that a leg answered after the end is still hung up.
    private int pendingOriginates;
    private boolean ended;

    AmiConference(ManagerConnection connection, String conference, String callerChannel,
                  Function<Prompt, String> soundPath, Runnable onEnd, BridgeDriver.Timers timers) {
        this.timers = timers;
        this.connection = connection;
        this.conference = conference;
        this.callerChannel = callerChannel;
        this.soundPath = soundPath;
        this.onEnd = onEnd;
    }

    void attach(BridgeDriver d) {
        this.driver = d;
    }

    // --- commands -----------------------------------------------------------------------------

    @Override
    public void dial(Dial dial) {
        OriginateAction o = originate("Local/" + dial.number() + "@" + AmiInterpreters.DIAL_CONTEXT,
                String.valueOf(dial.attempt()));
        o.setTimeout(dial.timeout().toMillis());
        o.setVariable("__AIGUILLEUR_DTMF", dial.dtmf());
        o.setVariable("__AIGUILLEUR_RING", String.valueOf(dial.timeout().toSeconds()));
        send(o, String.valueOf(dial.attempt()));
    }

    @Override
    public void hangUp(int attempt) {
        hangUpLeg(String.valueOf(attempt));
    }

    @Override
    public void deliverAgent(BridgeCommand.DeliverAgent deliver) {
        synchronized (this) {
            agentLeg = deliver;
        }
        OriginateAction o = originate("Local/" + deliver.queue() + "@" + AmiInterpreters.AGENT_CONTEXT, AGENT);
        // The Local channel answers when an agent does: let it wait as long as a queue would.
        o.setTimeout(AGENT_WAIT.toMillis());
        o.setVariable("__AIGUILLEUR_WHISPER", sounds(deliver.whisper()));
        o.setVariable("AIGUILLEUR_LANGUAGE", deliver.language());
        send(o, AGENT);
    }

    @Override
    public void playToCaller(BridgeCommand.PlayToCaller play) {
        String tag;
        synchronized (this) {
            tag = "announce-" + (++announcements);
            if (play.whileWaiting()) {
                waitingAnnouncement = tag;
            }
        }
        OriginateAction o = originate("Local/" + (play.whileWaiting() ? "loop" : "once") + "@"
                + AmiInterpreters.ANNOUNCE_CONTEXT, tag);
        o.setVariable("__AIGUILLEUR_SOUNDS", sounds(play.prompts()));
        send(o, tag);
    }

    @Override
    public void endConference() {
        Map<String, String> legs;
        synchronized (this) {
            legs = new LinkedHashMap<>(channels);
            channels.clear();
            abandoned.add("*");
        }
        legs.values().forEach(this::hangUpChannel);
        // The caller's own profile ends the conference when they leave; an agent's leaving needs this.
        hangUpChannel(callerChannel);
        boolean done;
        synchronized (this) {
            ended = true;
            done = pendingOriginates == 0;
        }
        if (done) {
            onEnd.run();
        }
    }

    // --- events -------------------------------------------------------------------------------

    void originated(String tag, OriginateResponseEvent e) {
        boolean last;
        synchronized (this) {
            pendingOriginates--;
            last = ended && pendingOriginates <= 0;
        }
        try {
            answered(tag, e);
        } finally {
            if (last) {
                onEnd.run();
            }
        }
    }

    private void answered(String tag, OriginateResponseEvent e) {
        if (!e.isSuccess()) {
            if (isAttempt(tag)) {
                driver.on(new BridgeEvent.LegFailed(Integer.parseInt(tag), failure(e.getReason())));
            } else if (tag.equals(AGENT)) {
                // No agent took it (queue empty or timed out): the caller is never left without one.
                retryAgent();
            }
            return;
        }
        boolean drop;
        String early;
        synchronized (this) {
            drop = abandoned.contains(tag) || abandoned.contains("*");
            if (!drop) {
                channels.put(tag, e.getChannel());
            }
            early = earlyJoins.remove(e.getChannel());
        }
        if (drop) {
            hangUpChannel(e.getChannel());
        } else if (early != null) {
            joined(e.getChannel());
        }
    }

    void joined(String channel) {
        String tag = tagOf(channel);
        if (tag == null) {
            if (!channel.equals(callerChannel)) {
                synchronized (this) {
                    earlyJoins.put(channel, channel); // its OriginateResponse is still on the way
                }
            }
            return;
        }
        if (isAttempt(tag)) {
            stopWaitingAnnouncement();
            driver.on(new BridgeEvent.LegAnswered(Integer.parseInt(tag)));
        } else if (tag.equals(AGENT)) {
            stopWaitingAnnouncement();
            driver.on(new BridgeEvent.AgentJoined());
        }
    }

    void left(String channel) {
        if (channel.equals(callerChannel)) {
            driver.on(new BridgeEvent.CallerLeft());
            return;
        }
        String tag = tagOf(channel);
        if (tag == null) {
            return;
        }
        synchronized (this) {
            channels.remove(tag);
        }
        if (isAttempt(tag)) {
            driver.on(new BridgeEvent.InterpreterLeft(Integer.parseInt(tag)));
        } else if (tag.equals(AGENT)) {
            driver.on(new BridgeEvent.AgentLeft());
        }
    }

    /** A hang-up anywhere: ours if it is one of our channels (an interpreter gone before joining). */
    void hungUp(String channel) {
        if (channel == null) {
            return;
        }
        if (channel.equals(callerChannel)) {
            driver.on(new BridgeEvent.CallerLeft());
        } else if (tagOf(channel) != null) {
            left(channel);
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private OriginateAction originate(String channel, String tag) {
        OriginateAction o = new OriginateAction();
        o.setChannel(channel);
        o.setContext(AmiInterpreters.JOIN_CONTEXT);
        o.setExten("s");
        o.setPriority(1);
        o.setAsync(true);
        o.setActionId(AmiInterpreters.ACTION_PREFIX + conference + "." + tag);
        o.setVariable("AIGUILLEUR_CONFERENCE", conference);
        o.setVariable("AIGUILLEUR_LEG", tag);
        return o;
    }

    /** Sends an action; an error response to an interpreter dial is a failed attempt. */
    private void send(ManagerAction action, String tag) {
        synchronized (this) {
            pendingOriginates++;
        }
        try {
            connection.sendAction(action, response -> {
                if (response instanceof ManagerError) {
                    // Refused outright: no OriginateResponse will follow.
                    originated(tag, failure());
                }
            });
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                pendingOriginates--;
            }
            if (e instanceof IOException io) {
                throw new IllegalStateException("AMI: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private void retryAgent() {
        BridgeCommand.DeliverAgent again;
        synchronized (this) {
            again = ended ? null : agentLeg;
        }
        if (again != null) {
            timers.schedule(AGENT_RETRY, () -> {
                synchronized (this) {
                    if (ended) {
                        return;
                    }
                }
                try {
                    deliverAgent(again);
                } catch (RuntimeException e) {
                    retryAgent();
                }
            });
        }
    }

    private void hangUpLeg(String tag) {
        String channel;
        synchronized (this) {
            channel = channels.remove(tag);
            if (channel == null) {
                abandoned.add(tag);
            }
        }
        if (channel != null) {
            hangUpChannel(channel);
        }
    }

    private void hangUpChannel(String channel) {
        try {
            connection.sendAction(new HangupAction(channel), response -> { });
        } catch (IOException | IllegalStateException e) {
            // The channel goes when Asterisk does; nothing is left to release.
        }
    }

    private void stopWaitingAnnouncement() {
        String tag;
        synchronized (this) {
            tag = waitingAnnouncement;
            waitingAnnouncement = null;
        }
        if (tag != null) {
            hangUpLeg(tag);
        }
    }

    private synchronized String tagOf(String channel) {
        for (Map.Entry<String, String> e : channels.entrySet()) {
            if (e.getValue().equals(channel)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static boolean isAttempt(String tag) {
        return !tag.isEmpty() && tag.chars().allMatch(Character::isDigit);
    }

    /** A failed OriginateResponse, for an Originate that Asterisk refused at once. */
    private static OriginateResponseEvent failure() {
        OriginateResponseEvent e = new OriginateResponseEvent(AmiConference.class);
        e.setResponse("Failure");
        e.setReason(0);
        return e;
    }

    private static Failure failure(Integer reason) {
        if (reason != null && reason == BUSY) {
            return Failure.BUSY;
        }
        return reason != null && reason == NO_ANSWER ? Failure.NO_ANSWER : Failure.FAILED;
    }

    /** Sound files for Playback, {@code &}-separated. */
    private String sounds(java.util.List<Prompt> prompts) {
        return prompts.stream().map(soundPath).collect(Collectors.joining("&"));
    }
}
