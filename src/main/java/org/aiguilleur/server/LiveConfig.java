package org.aiguilleur.server;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.aiguilleur.config.ConfigError;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.flow.PromptCatalog;
import org.aiguilleur.routing.LiveStaffing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration in force and the engine built from it. A reload that fails validation keeps
 * the running configuration; calls in progress keep the engine they started with. Parts of the server
 * with state of their own (the agents' desk, the agents' tokens) {@link #follow} it: each checks a new
 * configuration first and may refuse it, and only when all accept is it taken, by all at once.
 */
public final class LiveConfig {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

    /** A part of the server that follows configuration reloads and may refuse one. */
    @FunctionalInterface
    public interface Follower {
        /**
         * Checks {@code next} and prepares to switch to it, changing nothing yet.
         *
         * @return what to run once {@code next} is taken (it must not throw)
         * @throws ConfigException {@code next} cannot be used: the reload is refused, with these errors
         */
        Runnable prepare(Configuration next) throws ConfigException;
    }

    private record Current(Configuration config, Engine engine, PromptCatalog prompts) {
        Current(Configuration config, InstantSource clock, LiveStaffing staffing, PromptCatalog prompts) {
            this(config, config.engine(clock, staffing, prompts), prompts);
        }
    }

    private final Path dir;
    private final InstantSource clock;
    private final LiveStaffing staffing;
    private final AtomicReference<Current> current = new AtomicReference<>();
    private final Function<Configuration, PromptCatalog> prompts;
    private final List<Follower> followers = new CopyOnWriteArrayList<>();

    public LiveConfig(Configuration initial, InstantSource clock, LiveStaffing staffing) {
        this(initial, clock, staffing, Configuration::prompts);
    }

    /**
     * @param prompts how engines see each configuration's prompts (stored texts through run-time
     *                translation); the same for every reload
     */
    public LiveConfig(Configuration initial, InstantSource clock, LiveStaffing staffing,
                      Function<Configuration, PromptCatalog> prompts) {
        this.dir = initial.dir();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staffing = Objects.requireNonNull(staffing, "staffing");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        current.set(new Current(initial, clock, staffing, prompts.apply(initial)));
    }

    public Configuration config() {
        return current.get().config();
    }

    /** The engine for a call starting now. */
    public Engine engine() {
        return current.get().engine();
    }

    /** Whether a prompt lookup of the running configuration may now wait for a translation service. */
    public boolean promptsMayWait() {
        return current.get().prompts().mayWait();
    }

    public InstantSource clock() {
        return clock;
    }

    /** The live staffing every engine is built with. */
    public LiveStaffing staffing() {
        return staffing;
    }

    /** {@code follower} takes part in every later reload (see {@link Follower}). */
    public void follow(Follower follower) {
        followers.add(Objects.requireNonNull(follower, "follower"));
    }

    /**
     * Reads the configuration folder again. On success new calls use it; on failure every error is
     * logged and the running configuration stays.
     *
     * @return whether the new configuration was taken
     */
    public boolean reload() {
        return tryReload().isEmpty();
    }

    /**
     * Reads the configuration folder again, as {@link #reload()}, and says why it was refused.
     *
     * @return every error found (in the files and by the followers), empty when the configuration was taken
     */
    public synchronized List<ConfigError> tryReload() {
        try {
            Configuration next = ConfigLoader.load(dir);
            List<ConfigError> errors = new ArrayList<>();
            List<Runnable> switches = new ArrayList<>();
            for (Follower f : followers) {
                try {
                    switches.add(f.prepare(next));
                } catch (ConfigException e) {
                    errors.addAll(e.errors());
                }
            }
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
            current.set(new Current(next, clock, staffing, prompts.apply(next)));
            for (Runnable s : switches) {
                try {
                    s.run();
                } catch (RuntimeException e) {
                    LOG.error("a part of the server did not follow the reload", e);
                }
            }
            LOG.info("configuration reloaded ({})", dir);
            return List.of();
        } catch (ConfigException e) {
            LOG.error("configuration NOT reloaded, the running one stays: {}", e.getMessage());
            return e.errors();
        } catch (RuntimeException e) {
            LOG.error("configuration NOT reloaded, the running one stays", e);
            return List.of(new ConfigError(dir.toString(), "", "could not be loaded: " + e));
        }
    }
}
