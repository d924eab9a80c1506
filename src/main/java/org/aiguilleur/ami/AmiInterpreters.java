package org.aiguilleur.ami;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.interpreter.BridgeDriver;
import org.aiguilleur.interpreter.InterpreterCall;
import org.aiguilleur.config.AsteriskSettings;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.AbstractConfbridgeEvent;
import org.asteriskjava.manager.event.ConfbridgeJoinEvent;
import org.asteriskjava.manager.event.ConfbridgeLeaveEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interpreted calls on Asterisk: each caller waits in a ConfBridge conference named after their
 * channel's unique id, and the bridge's legs (interpreter, agent, announcements) are originated into it
 * over an AMI {@link ManagerConnection} (logged in with the {@code call} event class). The
 * dialplan side is {@code dialplans/asterisk/interpreter_aiguilleur.conf}: its context names are the
 * constants here. One instance serves every call; AMI events are routed to each call's
 * {@link AmiConference} by conference name, action id and channel.
 */
public final class AmiInterpreters implements AutoCloseable {
    /** Dials an interpreter's number ({@code Local/<number>@...}), sending its DTMF on answer. */
    public static final String DIAL_CONTEXT = "aiguilleur-interpreter-dial";
    /** Rings an agent of a queue ({@code Local/<queue>@...}), whispering the language on answer. */
    public static final String AGENT_CONTEXT = "aiguilleur-interpreter-agent";
    /** Plays announcements into a conference ({@code Local/<once|loop>@...}). */
    public static final String ANNOUNCE_CONTEXT = "aiguilleur-interpreter-announce";
    /** Where every originated leg joins the conference ({@code s}, priority 1). */
    public static final String JOIN_CONTEXT = "aiguilleur-interpreter-join";
    static final String ACTION_PREFIX = "aig-interp-";
    private static final Logger LOG = LoggerFactory.getLogger(AmiInterpreters.class);

    private final ManagerConnection connection;
    private final Function<Prompt, String> soundPath;
    private final ScheduledExecutorService timers;
    private final Map<String, AmiConference> byConference = new ConcurrentHashMap<>();
    private volatile boolean retiring;
    private volatile boolean closed;

    /**
     * @param connection an AMI connection receiving call events (logged in by its owner)
     * @param soundPath  the sound file (relative, no extension) Asterisk plays for a prompt
     */
    public AmiInterpreters(ManagerConnection connection, Function<Prompt, String> soundPath) {
        this.connection = connection;
        this.soundPath = soundPath;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ami-interpreter-timers");
            t.setDaemon(true);
            return t;
        });
        connection.addEventListener(this::onEvent);
    }

    /**
     * Starts the bridge of a caller who is (or is about to be) in conference {@code conference}.
     *
     * @param callerChannel the caller's channel name, to tell their leaving from the others'
     */
    public BridgeDriver start(String conference, String callerChannel, InterpreterCall call) {
        AmiConference legs = new AmiConference(connection, conference, callerChannel, soundPath,
                () -> ended(conference), this::schedule);
        BridgeDriver driver = new BridgeDriver(call, legs, this::schedule,
                e -> LOG.error("interpreter bridge {}: {}", conference, e.toString()));
        legs.attach(driver);
        byConference.put(conference, legs);
        driver.start();
        return driver;
    }

    /** Whether the AMI connection is up: without it no bridge is started (the caller is queued instead). */
    public boolean connected() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    /**
     * For {@code serve}: its own AMI connection (the {@code call} event class, which live staffing does
     * not take), logged in in the background and retried every 10 s until it succeeds; Asterisk-Java
     * reconnects it after that.
     */
    public static AmiInterpreters connect(AsteriskSettings.Ami ami, String secret, Function<Prompt, String> soundPath) {
        ManagerConnection c = new ManagerConnectionFactory(ami.host(), ami.port(), ami.username(), secret)
                .createManagerConnection();
        AmiInterpreters interpreters = new AmiInterpreters(c, soundPath);
        interpreters.timers.execute(interpreters::login);
        return interpreters;
    }

    private void login() {
        if (timers.isShutdown()) {
            return;
        }
        try {
            connection.login("call");
        } catch (Exception e) {
            LOG.error("interpreter bridge: AMI login failed ({}); interpreted calls go to the interpreter queue"
                    + " until it succeeds", e.getClass().getSimpleName());
            timers.schedule(this::login, 10, TimeUnit.SECONDS);
        }
    }

    private void ended(String conference) {
        byConference.remove(conference);
        if (retiring && byConference.isEmpty()) {
            closeInBackground();
        }
    }

    // Not on an AMI event thread nor on the timers, which close() stops.
    private void closeInBackground() {
        Thread t = new Thread(this::close, "ami-interpreter-retire");
        t.setDaemon(true);
        t.start();
    }

    /**
     * For a reload that changed or removed the AMI settings: no bridge is started here any more (the
     * caller of {@link #start} asks the new one), the bridges in progress carry on over this
     * connection, and it is closed when the last ends, or after {@code atMost} whatever happens
     * (a conference whose end AMI never told).
     */
    public void retire(Duration atMost) {
        retiring = true;
        if (byConference.isEmpty()) {
            close();
            return;
        }
        LOG.info("interpreter bridge: {} bridge(s) in progress stay on the previous AMI connection until they end",
                byConference.size());
        timers.schedule(this::closeInBackground, atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the connection is closed (after {@link #close} or a completed {@link #retire}). */
    public boolean closed() {
        return closed;
    }

    /** The conference of a call in progress. */
    Optional<AmiConference> conference(String name) {
        return Optional.ofNullable(byConference.get(name));
    }

    private Runnable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    private void onEvent(ManagerEvent event) {
        if (event instanceof OriginateResponseEvent o && o.getActionId() != null && o.getActionId().startsWith(ACTION_PREFIX)) {
            String rest = o.getActionId().substring(ACTION_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot > 0) {
                conference(rest.substring(0, dot)).ifPresent(c -> c.originated(rest.substring(dot + 1), o));
            }
        } else if (event instanceof ConfbridgeJoinEvent j) {
            conferenceOf(j).ifPresent(c -> c.joined(j.getChannel()));
        } else if (event instanceof ConfbridgeLeaveEvent l) {
            conferenceOf(l).ifPresent(c -> c.left(l.getChannel()));
        } else if (event instanceof HangupEvent h) {
            for (AmiConference c : byConference.values()) {
                c.hungUp(h.getChannel());
            }
        }
    }

    private Optional<AmiConference> conferenceOf(AbstractConfbridgeEvent e) {
        return e.getConference() == null ? Optional.empty() : conference(e.getConference());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.shutdownNow();
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            connection.logoff();
        }
    }
}
