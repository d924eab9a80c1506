package org.aiguilleur.ami;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.audio.SoundFiles;
import org.aiguilleur.config.AsteriskSettings;
import org.aiguilleur.config.ConfigError;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.LiveConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI connections of the configuration in force ({@code asterisk.ami}), following its reloads:
 * live staffing ({@link AmiStaffing}) and the interpreter bridge ({@link AmiInterpreters}), each on its
 * own connection as at start.
 *
 * <p>A reload that changes the AMI settings (host, port, user, secret file, or the secret itself)
 * connects to the new manager and closes the old staffing connection; staffing is unknown until the
 * new one has its queue list, as while AMI is down, so routing falls back to centres.yaml meanwhile.
 * Bridges in progress stay on the old bridge connection until they end; new ones use the new. A
 * reload removing the block stops both (staffing unknown, interpreted callers queued); one adding it
 * starts them. A reload whose changed AMI block has no usable secret is refused with the setting's
 * path and the running connections stay. Calls are never dropped: no AGI call depends on these
 * connections. An unreachable manager is not a bad setting: it is retried, as at start.
 */
public final class LiveAmi implements LiveStaffing, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveAmi.class);
    static final String FILE = ConfigLoader.MAIN_FILE;
    /** The longest an interpreted call is kept on a connection a reload replaced. */
    static final Duration RETIRE_AT_MOST = Duration.ofHours(4);

    /** What runs for one AMI block; {@code staffing} and {@code bridges} are empty when the secret was missing at start. */
    private record Running(AsteriskSettings.Ami settings, String secret, String soundRoot,
                           Optional<AmiStaffing> staffing, Optional<AmiInterpreters> bridges) {
        boolean same(AsteriskSettings.Ami s, String sec, String root) {
            return settings.equals(s) && Objects.equals(secret, sec) && soundRoot.equals(root);
        }

        void stop() {
            staffing.ifPresent(AmiStaffing::close);
            bridges.ifPresent(b -> b.retire(RETIRE_AT_MOST));
        }
    }

    private final Map<String, String> env;
    private final AmiStaffing.Timings timings;
    private final AtomicReference<Optional<Running>> running = new AtomicReference<>(Optional.empty());
    private volatile boolean closed;

    private LiveAmi(Map<String, String> env, AmiStaffing.Timings timings) {
        this.env = Map.copyOf(env);
        this.timings = timings;
    }

    /**
     * What {@code serve} uses: the connections of {@code settings} (none without {@code asterisk.ami};
     * a missing secret is said on {@code out} and does not stop the server). Call {@link #follow} once
     * the live configuration exists.
     */
    public static LiveAmi start(Settings settings, List<String> queues, Map<String, String> env, PrintWriter out) {
        return start(settings, queues, env, out, AmiStaffing.Timings.DEFAULT);
    }

    static LiveAmi start(Settings settings, List<String> queues, Map<String, String> env, PrintWriter out,
                         AmiStaffing.Timings timings) {
        LiveAmi ami = new LiveAmi(env, timings);
        Optional<AsteriskSettings.Ami> block = settings.asterisk().ami();
        if (block.isEmpty()) {
            out.println("live staffing: none (no asterisk.ami in aiguilleur.yaml); the languages of centres.yaml count");
            out.println("interpreter bridge: none on Asterisk (no asterisk.ami); interpreted callers join the interpreter queue");
            return ami;
        }
        try {
            String secret = AmiSecret.resolve(block.get(), ami.env);
            ami.running.set(Optional.of(ami.connect(block.get(), secret, soundRoot(settings), queues)));
            out.println("live staffing: Asterisk AMI " + block.get() + " (queue members logged in and not paused;"
                    + " while it is unreachable the languages of centres.yaml count)");
            out.println("interpreter bridge: Asterisk AMI " + block.get() + " (ConfBridge; while AMI is unreachable"
                    + " interpreted callers join the interpreter queue)");
        } catch (AmiSecret.Missing e) {
            // Kept as the settings in force, so that a reload leaving them as they are is not refused.
            ami.running.set(Optional.of(new Running(block.get(), null, soundRoot(settings), Optional.empty(),
                    Optional.empty())));
            out.println("live staffing: AMI NOT USED: " + e.getMessage() + "; the languages of centres.yaml count");
            out.println("interpreter bridge: AMI NOT USED: " + e.getMessage());
        }
        return ami;
    }

    /** From now on the connections follow {@code live}'s reloads. */
    public void follow(LiveConfig live) {
        live.follow(this::prepare);
    }

    private Running connect(AsteriskSettings.Ami settings, String secret, String root, List<String> queues) {
        AmiStaffing staffing = AmiStaffing.start(settings, secret, queues, timings);
        AmiInterpreters bridges = AmiInterpreters.connect(settings, secret, p -> root + "/" + SoundFiles.relative(p));
        return new Running(settings, secret, root, Optional.of(staffing), Optional.of(bridges));
    }

    private static String soundRoot(Settings settings) {
        String prefix = settings.agiDoor().streamPrefix();
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** The {@link LiveConfig.Follower} step: checks {@code next}'s AMI block, connects nothing yet. */
    Runnable prepare(Configuration next) throws ConfigException {
        Optional<AsteriskSettings.Ami> block = next.settings().asterisk().ami();
        Optional<Running> now = running.get();
        if (block.isEmpty()) {
            if (now.isEmpty()) {
                return () -> { };
            }
            return () -> {
                running.set(Optional.empty());
                now.get().stop();
                LOG.warn("asterisk.ami removed by a reload: AMI stopped; the languages of centres.yaml count and"
                        + " interpreted callers join the interpreter queue");
            };
        }
        AsteriskSettings.Ami settings = block.get();
        String root = soundRoot(next.settings());
        String secret;
        try {
            secret = AmiSecret.resolve(settings, env);
        } catch (AmiSecret.Missing e) {
            if (now.isPresent() && now.get().settings().equals(settings)) {
                LOG.warn("AMI {}: {}; the running connection stays", settings, e.getMessage());
                return () -> { };
            }
            String path = settings.secretFile().isPresent() ? "asterisk.ami.secret-file" : "asterisk.ami";
            throw new ConfigException(List.of(new ConfigError(FILE, path, e.getMessage()
                    + " (the running AMI connection stays)")));
        }
        if (now.isPresent() && now.get().same(settings, secret, root)) {
            return () -> { };
        }
        List<String> queues = next.queues();
        return () -> {
            if (closed) {
                return;
            }
            Running fresh = connect(settings, secret, root, queues);
            running.set(Optional.of(fresh));
            now.ifPresent(Running::stop);
            LOG.info("asterisk.ami {} by a reload: connecting to {} (staffing unknown until its queue list arrives)",
                    now.isPresent() ? "changed" : "added", settings);
        };
    }

    @Override
    public Optional<Boolean> hasAgents(String queue) {
        return staffing().flatMap(s -> s.hasAgents(queue));
    }

    /** The staffing connection in force, if any. */
    public Optional<AmiStaffing> staffing() {
        return running.get().flatMap(Running::staffing);
    }

    /** The interpreter bridge in force, if any: where new bridges start. */
    public Optional<AmiInterpreters> interpreters() {
        return running.get().flatMap(Running::bridges);
    }

    /** Stops both connections (bridges in progress included). */
    @Override
    public void close() {
        closed = true;
        Optional<Running> r = running.getAndSet(Optional.empty());
        r.ifPresent(x -> {
            x.staffing().ifPresent(AmiStaffing::close);
            x.bridges().ifPresent(AmiInterpreters::close);
        });
    }
}
