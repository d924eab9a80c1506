package org.aiguilleur.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.config.AsteriskSettings;
import org.aiguilleur.routing.LiveStaffing;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.AbstractQueueMemberEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live staffing from an Asterisk Manager connection (Asterisk-Java {@link ManagerConnection}).
 *
 * <p>At every (re)connection it takes the whole picture with {@code QueueStatus}, then follows
 * {@code QueueMemberAdded}, {@code QueueMemberRemoved}, {@code QueueMemberPause} and
 * {@code QueueMemberStatus}. While disconnected, before the first list, and for queues Asterisk does
 * not have, {@link #hasAgents} is empty (unknown), so routing falls back to the configured
 * languages. A refused login or an unreachable Asterisk is logged clearly and retried; it never
 * stops the server. Asterisk-Java reconnects a dropped connection by itself; a ping every
 * {@code ping} keeps a healthy connection talking so that a dead one times out and reconnects.
 *
 * <p>All state changes happen on one worker thread, in the order Asterisk sent them; the full list
 * taken at a connection is applied first, and the events that arrived meanwhile after it (they
 * carry absolute values, so replaying one is harmless).
 */
public final class AmiStaffing implements LiveStaffing, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmiStaffing.class);

    /** Timings; tests shorten them. */
    record Timings(Duration retry, Duration ping, Duration listTimeout) {
        static final Timings DEFAULT = new Timings(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    private final AsteriskSettings.Ami settings;
    private final List<String> configuredQueues;
    private final Timings timings;
    private final ManagerConnection connection;
    private final QueueMembers members = new QueueMembers();
    private final ScheduledExecutorService worker;
    private volatile String problem = "connecting";
    private volatile String lastLogged = "";
    private volatile boolean closed;

    private AmiStaffing(AsteriskSettings.Ami settings, String secret, List<String> configuredQueues, Timings timings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.configuredQueues = List.copyOf(configuredQueues);
        this.timings = timings;
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ami-staffing");
            t.setDaemon(true);
            return t;
        });
        w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = w;
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(), secret)
                .createManagerConnection();
        // A connection that stays silent through three pings is dead: Asterisk-Java then reconnects.
        connection.setSocketReadTimeout((int) timings.ping().multipliedBy(3).toMillis());
        connection.addEventListener(this::onEvent);
    }

    /**
     * Starts connecting in the background and returns at once; {@link #hasAgents} is unknown until
     * the first queue list arrives.
     *
     * @param configuredQueues the queues of the configuration, to warn about those Asterisk lacks
     */
    public static AmiStaffing start(AsteriskSettings.Ami settings, String secret, List<String> configuredQueues) {
        return start(settings, secret, configuredQueues, Timings.DEFAULT);
    }

    static AmiStaffing start(AsteriskSettings.Ami settings, String secret, List<String> configuredQueues, Timings timings) {
        AmiStaffing s = new AmiStaffing(settings, secret, configuredQueues, timings);
        s.worker.execute(s::login);
        long ping = timings.ping().toMillis();
        s.worker.scheduleWithFixedDelay(s::ping, ping, ping, TimeUnit.MILLISECONDS);
        return s;
    }

    @Override
    public Optional<Boolean> hasAgents(String queue) {
        return members.hasAgents(queue);
    }

    /** Why staffing is unknown right now; empty while in sync with Asterisk. */
    public Optional<String> problem() {
        return members.known() ? Optional.empty() : Optional.of(problem);
    }

    /** The account, for messages ({@code aiguilleur@127.0.0.1:5038}). */
    public String account() {
        return settings.toString();
    }

    private void login() {
        if (closed) {
            return;
        }
        try {
            // "agent" events are the queue member events; calls and the rest are not needed here.
            connection.login("agent");
            return; // the ConnectEvent takes the queue list
        } catch (AuthenticationFailedException e) {
            trouble("AMI " + settings + " refused the login (" + e.getMessage() + "): check "
                    + AsteriskSettings.Ami.SECRET_ENV + " or asterisk.ami.secret-file, and the user in manager.conf");
        } catch (IOException e) {
            trouble("AMI " + settings + " cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (RuntimeException | TimeoutException e) {
            trouble("AMI " + settings + " login failed (" + e + ")");
        }
        if (!closed) {
            worker.schedule(this::login, timings.retry().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void onEvent(ManagerEvent e) {
        if (closed || worker.isShutdown()) {
            return;
        }
        try {
            worker.execute(() -> apply(e));
        } catch (RejectedExecutionException ignored) {
            // closing
        }
    }

    private void apply(ManagerEvent e) {
        if (e instanceof ConnectEvent) {
            takeQueueList();
        } else if (e instanceof DisconnectEvent) {
            members.forget();
            trouble("AMI " + settings + " disconnected; reconnecting");
        } else if (e instanceof QueueMemberRemovedEvent r) {
            members.remove(r.getQueue(), r.getInterface());
        } else if (e instanceof QueueMemberAddedEvent a) {
            members.put(a.getQueue(), a.getInterface(), QueueMembers.takesCalls(a.getPaused(), a.getStatus()));
        } else if (e instanceof QueueMemberPausedEvent p) {
            members.put(p.getQueue(), p.getInterface(), QueueMembers.takesCalls(p.getPaused(), status(p)));
        } else if (e instanceof QueueMemberStatusEvent s && s.getInternalActionId() == null) {
            members.put(s.getQueue(), s.getLocation(), QueueMembers.takesCalls(s.getPaused(), s.getStatus()));
        }
    }

    /** QueueMemberPause carries the device state too (Asterisk 12+); older ones do not. */
    private static Integer status(QueueMemberPausedEvent p) {
        return p instanceof QueueMemberPauseEvent pe ? pe.getStatus() : null;
    }

    private void takeQueueList() {
        try {
            ResponseEvents r = connection.sendEventGeneratingAction(new QueueStatusAction(), timings.listTimeout().toMillis());
            if (r.getResponse() instanceof ManagerError err) {
                throw new IllegalStateException("QueueStatus: " + err.getMessage());
            }
            Map<String, Map<String, Boolean>> snapshot = new LinkedHashMap<>();
            for (ManagerEvent e : r.getEvents()) {
                if (e instanceof QueueParamsEvent p) {
                    snapshot.computeIfAbsent(p.getQueue(), k -> new LinkedHashMap<>());
                } else if (e instanceof QueueMemberEvent m) {
                    snapshot.computeIfAbsent(m.getQueue(), k -> new LinkedHashMap<>())
                            .put(m.getLocation(), QueueMembers.takesCalls(m.getPaused(), m.getStatus()));
                }
            }
            members.replace(snapshot);
            List<String> missing = configuredQueues.stream().filter(q -> !snapshot.containsKey(q)).toList();
            LOG.info("AMI {}: live staffing in sync, {} of {} queues have agents{}", settings, members.staffedQueues(),
                    snapshot.size(), missing.isEmpty() ? "" : "; Asterisk lacks " + String.join(", ", missing)
                            + " (include queues_aiguilleur.conf): the configuration counts for them");
            lastLogged = "";
        } catch (Exception e) {
            members.forget();
            trouble("AMI " + settings + ": the queue list failed (" + e.getMessage() + "); trying again");
            if (!closed && connection.getState() == ManagerConnectionState.CONNECTED) {
                worker.schedule(this::takeQueueList, timings.retry().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void ping() {
        if (connection.getState() != ManagerConnectionState.CONNECTED) {
            return;
        }
        try {
            connection.sendAction(new PingAction(), timings.ping().toMillis());
        } catch (Exception e) {
            LOG.debug("AMI {}: ping failed: {}", settings, e.toString());
        }
    }

    /** Staffing is unknown for this reason; said once in the log, not at every retry. */
    private void trouble(String why) {
        problem = why + "; until then the languages of centres.yaml count";
        if (!why.equals(lastLogged)) {
            lastLogged = why;
            LOG.error("{}; until then the languages of centres.yaml count", why);
        }
    }

    /** Logs off and stops; staffing becomes unknown. */
    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        members.forget();
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            try {
                connection.logoff();
            } catch (RuntimeException e) {
                LOG.debug("AMI {}: logoff: {}", settings, e.toString());
            }
        }
    }
}
