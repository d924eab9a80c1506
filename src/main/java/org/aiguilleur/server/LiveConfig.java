package org.aiguilleur.server;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
 * the running configuration; calls in progress keep the engine they started with.
 */
public final class LiveConfig {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

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

    /**
     * Reads the configuration folder again. On success new calls use it; on failure every error is
     * logged and the running configuration stays.
     *
     * @return whether the new configuration was taken
     */
    public boolean reload() {
        try {
            Configuration next = ConfigLoader.load(dir);
            current.set(new Current(next, clock, staffing, prompts.apply(next)));
            LOG.info("configuration reloaded ({})", dir);
            return true;
        } catch (ConfigException e) {
            LOG.error("configuration NOT reloaded, the running one stays: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.error("configuration NOT reloaded, the running one stays", e);
            return false;
        }
    }
}
