package org.aiguilleur.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.RecordsSettings;
import org.aiguilleur.flow.MenuOption;
import org.aiguilleur.records.http.RecordsHandler;
import org.aiguilleur.records.http.ReportsHandler;
import org.aiguilleur.records.report.ReportBuilder;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.eclipse.jetty.server.Handler;

/**
 * The records feature wired from a configuration, for {@code serve}: the {@link CallEvents} recorder
 * for both front doors, the HTTP handlers with the path prefix each is mounted under, and the
 * retention job. {@link #close()} stores (or journals) what is pending and closes the pool.
 */
public final class Records implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Records.class);
    private final Database db;
    private final RecordStore store;
    private final CallRecorder recorder;
    private final RetentionJob retention;
    private final Map<String, Handler> handlers;
    private final ReportBuilder reports;

    private Records(Database db, RecordStore store, CallRecorder recorder, RetentionJob retention,
                    Map<String, Handler> handlers, ReportBuilder reports) {
        this.db = db;
        this.store = store;
        this.recorder = recorder;
        this.retention = retention;
        this.handlers = handlers;
        this.reports = reports;
    }

    /** Opens the store, starts the recorder and the retention job, with secrets from the process environment. */
    public static Records open(Configuration cfg, Clock clock, AgentAuthenticator agents) throws IOException {
        return open(cfg, clock, agents, System.getenv());
    }

    /** As {@link #open(Configuration, Clock, AgentAuthenticator)} with the environment given (tests). */
    public static Records open(Configuration cfg, Clock clock, AgentAuthenticator agents, Map<String, String> env)
            throws IOException {
        RecordsSettings s = cfg.settings().records();
        Database db = database(s, env);
        try {
            RecordStore store = new RecordStore(db, Centres.of(cfg));
            try {
                store.counts(); // migrate now, so a bad database shows at start; not fatal: the journal waits
            } catch (java.sql.SQLException e) {
                LOG.warn("records database {} unreachable at start ({}); events are journaled until it answers",
                        s.safeUrl(), e.getMessage());
            }
            CallerHash hash = CallerHash.load(env, s.hashSecretEnv(), s.hashSecretFile());
            CallRecorder recorder = CallRecorder.start(store, s.journal(), hash, s.queueCapacity(), s.batchSize(),
                    Duration.ofMillis(500), Duration.ofSeconds(30));
            RetentionJob retention = new RetentionJob(store, clock, Duration.ofDays(s.retentionDays())).start();
            ReportBuilder reports = new ReportBuilder(store, cfg.settings().zone(), s.serviceLevel());
            Map<String, Handler> handlers = new LinkedHashMap<>();
            handlers.put(RecordsHandler.PREFIX, new RecordsHandler(store, agents, needIds(cfg), clock));
            handlers.put(ReportsHandler.PREFIX, new ReportsHandler(reports, agents, s.managers(),
                    () -> Optional.of(recorder.stats())));
            return new Records(db, store, recorder, retention, Map.copyOf(handlers), reports);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The pool on the configured database (migrated at first use), with its password from env or file. */
    public static Database database(RecordsSettings s, Map<String, String> env) throws IOException {
        Optional<String> password = Optional.ofNullable(env.get(s.passwordEnv())).filter(p -> !p.isEmpty());
        if (password.isEmpty() && s.passwordFile().isPresent()) {
            password = Optional.of(Files.readString(s.passwordFile().get(), StandardCharsets.UTF_8).strip());
        }
        return Database.open(s.url(), s.user(), password, s.poolSize());
    }

    /** The need ids of the flow's needs menu. */
    public static Set<String> needIds(Configuration cfg) {
        Set<String> ids = new LinkedHashSet<>();
        for (MenuOption o : cfg.flow().need().options()) {
            ids.add(o.value());
        }
        return ids;
    }

    /** Where the front doors emit call events. */
    public CallEvents events() {
        return recorder;
    }

    /** The recorder itself (stats, tests). */
    public CallRecorder recorder() {
        return recorder;
    }

    /** Path prefix → handler: {@code /api/records} (agents) and {@code /api/reports} (managers). */
    public Map<String, Handler> handlers() {
        return handlers;
    }

    public RecordStore store() {
        return store;
    }

    /** The records database's pool (the Twilio door's shared state uses it with {@code twilio.presence-store: database}). */
    public Database database() {
        return db;
    }

    public ReportBuilder reports() {
        return reports;
    }

    public RetentionJob retention() {
        return retention;
    }

    @Override
    public void close() throws IOException {
        retention.close();
        try {
            recorder.close();
        } finally {
            db.close();
        }
    }
}
