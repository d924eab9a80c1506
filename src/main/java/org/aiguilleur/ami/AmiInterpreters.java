package org.aiguilleur.ami;

import java.io.PrintWriter;
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
import org.aiguilleur.audio.SoundFiles;
import org.aiguilleur.config.AsteriskSettings;
import org.aiguilleur.config.Settings;
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
                () -> byConference.remove(conference), this::schedule);
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

    /**
     * What {@code serve} uses: a bridge over its own AMI connection when {@code asterisk.ami} is
     * configured and its secret found, else nothing (interpreted callers are queued). Says which on {@code out}.
     */
    public static Optional<AmiInterpreters> startIfConfigured(Settings settings, Map<String, String> env, PrintWriter out) {
        Optional<AsteriskSettings.Ami> ami = settings.asterisk().ami();
        if (ami.isEmpty()) {
            out.println("interpreter bridge: none on Asterisk (no asterisk.ami); interpreted callers join the interpreter queue");
            return Optional.empty();
        }
        try {
            String prefix = settings.agiDoor().streamPrefix();
            String root = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            AmiInterpreters bridges = connect(ami.get(), AmiSecret.resolve(ami.get(), env),
                    p -> root + "/" + SoundFiles.relative(p));
            out.println("interpreter bridge: Asterisk AMI " + ami.get() + " (ConfBridge; while AMI is unreachable"
                    + " interpreted callers join the interpreter queue)");
            return Optional.of(bridges);
        } catch (AmiSecret.Missing e) {
            out.println("interpreter bridge: AMI NOT USED: " + e.getMessage());
            return Optional.empty();
        }
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
    public void close() {
        timers.shutdownNow();
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            connection.logoff();
        }
    }
}
