package org.aiguilleur.server;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.agents.roster.AgentTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration when a file of it changes, so operators tune flows, prompts and hours
 * without a restart. Changes are gathered for a short quiet period, since editors write in steps.
 * Watched: the configuration folder, its {@code reference/}, the {@code dialplans/} and {@code prompts/}
 * beside it, and the folder of the agents' tokens file.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final long QUIET_MS = 500;

    private final LiveConfig live;
    private final Map<String, String> env;
    private final Set<Path> watched = new LinkedHashSet<>();
    private final WatchService watcher;
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicInteger reloads = new java.util.concurrent.atomic.AtomicInteger();

    public ConfigWatcher(LiveConfig live) throws IOException {
        this(live, System.getenv());
    }

    /** @param env where {@link AgentTokens#ENV_FILE} may name the agents' tokens file, watched too */
    public ConfigWatcher(LiveConfig live, Map<String, String> env) throws IOException {
        this.live = live;
        this.env = Map.copyOf(env);
        this.watcher = FileSystems.getDefault().newWatchService();
        Set<Path> dirs = new LinkedHashSet<>();
        Path base = live.config().dir();
        dirs.add(base);
        dirs.add(base.resolve("reference"));
        // The flow and prompts usually live beside config/ (../dialplans, ../prompts).
        Path parent = base.getParent();
        if (parent != null) {
            dirs.add(parent.resolve("dialplans"));
            dirs.add(parent.resolve("prompts"));
        }
        for (Path d : dirs) {
            watch(d);
        }
        watchTokensFolder();
        this.thread = new Thread(this::run, "config-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                drain(key);
                // Wait until the files are quiet, then reload once.
                WatchKey more;
                while ((more = watcher.poll(QUIET_MS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                live.reload();
                watchTokensFolder(); // the reload may name another tokens file
                reloads.incrementAndGet();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("configuration watcher stopped; restart the server to pick up changes", e);
        }
    }

    /** How many reloads were attempted (taken or refused) since the watcher started. */
    public int reloads() {
        return reloads.get();
    }

    /** The agents' tokens file usually lives apart from the configuration (a secrets folder): watch its folder too. */
    private void watchTokensFolder() {
        AgentTokens.file(live.config().agents().tokensFile(), env).map(Path::toAbsolutePath).map(Path::getParent)
                .ifPresent(d -> {
                    try {
                        watch(d);
                    } catch (IOException e) {
                        LOG.warn("cannot watch {} for agent token changes: {}", d, e.getMessage());
                    }
                });
    }

    private void watch(Path d) throws IOException {
        if (Files.isDirectory(d) && watched.add(d.normalize())) {
            d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
    }
}
