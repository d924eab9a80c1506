package org.aiguilleur.server;

import com.twilio.http.TwilioRestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.agents.AgentDesk;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.twilio.TwilioWebhooks;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The front doors this build has, wired to the live configuration. */
public final class FrontDoors {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoors.class);
    /** The Twilio account whose REST API agent delivery calls (with the auth token). */
    public static final String ACCOUNT_ENV = "TWILIO_ACCOUNT_SID";
    /** How long instances holding a copy of a call have to bid for its hang-up (polls are a second apart). */
    private static final java.time.Duration SHARED_BID_WINDOW = java.time.Duration.ofMillis(2500);
    /** How long a shared hang-up waits for the instance holding the call before another records the end. */
    private static final java.time.Duration SHARED_ORPHAN_AFTER = java.time.Duration.ofSeconds(10);

    private FrontDoors() {
    }

    /** Every front door of this build, not yet started. */
    public static List<FrontDoor> create(LiveConfig live) {
        return create(live, CallEvents.NONE);
    }

    /** Every front door of this build, not yet started, reporting calls to {@code events} (the records). */
    public static List<FrontDoor> create(LiveConfig live, CallEvents events) {
        return create(live, events, Map.of());
    }

    /**
     * Every front door of this build, not yet started, reporting calls to {@code events}, with
     * {@code httpHandlers} (path prefix to handler, such as the records' APIs) on the HTTP door.
     */
    public static List<FrontDoor> create(LiveConfig live, CallEvents events, Map<String, Handler> httpHandlers) {
        return create(live, events, httpHandlers, System.getenv());
    }

    /** The same, with secrets and URLs from {@code env}. */
    public static List<FrontDoor> create(LiveConfig live, CallEvents callEvents, Map<String, Handler> httpHandlers,
                                         Map<String, String> env) {
        return create(live, callEvents, httpHandlers, env, org.aiguilleur.agi.InterpreterStarter.NONE);
    }

    /** The same, the Asterisk door starting interpreter bridges with {@code interpreters} (over AMI). */
    public static List<FrontDoor> create(LiveConfig live, CallEvents callEvents, Map<String, Handler> httpHandlers,
                                         Map<String, String> env, org.aiguilleur.agi.InterpreterStarter interpreters) {
        return create(live, callEvents, httpHandlers, env, interpreters, null);
    }

    /**
     * The same, with the records database for {@code twilio.presence-store: database}: agents' presence,
     * the line of callers and hang-ups are shared with every instance on it.
     *
     * @param records the records database; may be null only when the store is {@code memory}
     * @throws IllegalArgumentException the store is {@code database} and {@code records} is null
     */
    public static List<FrontDoor> create(LiveConfig live, CallEvents callEvents, Map<String, Handler> httpHandlers,
                                         Map<String, String> env, org.aiguilleur.agi.InterpreterStarter interpreters,
                                         org.aiguilleur.records.store.Database records) {
        boolean shared = live.config().settings().twilio().stateStore() == org.aiguilleur.config.TwilioSettings.StateStore.DATABASE;
        if (shared && records == null) {
            throw new IllegalArgumentException("twilio.presence-store is database, but no records database is open");
        }
        org.aiguilleur.records.store.Database sharedDb = shared ? records : null;
        org.aiguilleur.config.TwilioSettings.StateStore storeAtStart = live.config().settings().twilio().stateStore();
        live.follow(next -> () -> {
            if (next.settings().twilio().stateStore() != storeAtStart) {
                LOG.warn("twilio.presence-store is now {} but stays {} until serve restarts",
                        next.settings().twilio().stateStore().word(), storeAtStart.word());
            }
        });
        List<FrontDoor> doors = new ArrayList<>();
        // Front doors are added here as they are built (Asterisk FastAGI, Twilio webhooks).
        doors.add(new org.aiguilleur.agi.AgiFrontDoor(live, callEvents, interpreters));
        // Features mount their HTTP handlers on one HTTP door: add routes to this list.
        List<HttpRoute> http = new ArrayList<>();
        httpHandlers.forEach((prefix, handler) -> http.add(new HttpRoute(prefix + "/*", handler)));
        List<AutoCloseable> httpCompanions = new ArrayList<>();
        try {
            TwilioWebhooks.Credentials twilio = TwilioWebhooks.credentials(live, env);
            AtomicReference<TwilioWebhooks> door = new AtomicReference<>();
            CallerQueue callerQueue = CallerQueue.NONE;
            AgentDesk desk = agentDesk(live, env, twilio, door, sharedDb);
            if (desk != null) {
                callerQueue = desk.callerQueue();
                for (AgentDesk.Mount m : desk.mounts()) {
                    http.add(new HttpRoute(m.pathPrefix() + "/*", m.handler()));
                }
                httpCompanions.add(desk);
            }
            door.set(TwilioWebhooks.create(live, twilio, callEvents, callerQueue, interpreting(live, env, twilio, desk)));
            if (sharedDb != null) {
                // Every final status reaches the newest copy of the call, on whichever instance (polled every second).
                door.get().shareHangUps(sharedDb, SHARED_BID_WINDOW, SHARED_ORPHAN_AFTER).start(java.util.concurrent.Executors
                        .newSingleThreadScheduledExecutor(r -> {
                            Thread t = new Thread(r, "shared-hang-ups");
                            t.setDaemon(true);
                            return t;
                        }), java.time.Duration.ofSeconds(1));
                LOG.info("Twilio state is shared through the records database (presence, line, offers, hang-ups)");
            }
            // Signatures only match the URL Twilio was given: say which one, so a wrong one is seen at once.
            LOG.info("Twilio webhooks take requests signed for {}/twilio/...", twilio.publicUrl());
            http.addAll(door.get().routes());
            httpCompanions.add(door.get()::close); // the interpreter bridge's threads, if it is on
        } catch (TwilioWebhooks.SetupException e) {
            LOG.warn("Twilio webhooks are off: {}", e.getMessage());
        }
        if (!http.isEmpty()) {
            doors.add(new HttpFrontDoor(live.config().settings().http(), http, httpCompanions));
        }
        return doors;
    }

    /**
     * The Twilio interpreter bridge when the account is known, a provider of interpreters.yaml is
     * enabled and either agent delivery runs (it brings a roster agent into the conference) or
     * {@code twilio.interpreter-agents} names how to reach a queue's agents; else null (interpreted
     * callers wait in the interpreter queue). The agents' numbers follow reloads.
     */
    private static TwilioWebhooks.Interpreting interpreting(LiveConfig live, Map<String, String> env,
                                                           TwilioWebhooks.Credentials twilio, AgentDesk desk) {
        boolean agentDelivery = desk != null;
        String account = env.get(ACCOUNT_ENV);
        String off = account == null || account.isBlank() ? ACCOUNT_ENV + " is not set"
                : live.config().interpreters().enabled().isEmpty() ? "no provider of interpreters.yaml is enabled"
                : !agentDelivery && live.config().settings().twilio().interpreterAgents().isEmpty()
                        ? "agent delivery is off and twilio.interpreter-agents is empty"
                : null;
        if (off != null) {
            LOG.info("Twilio interpreter bridge is off ({}): interpreted callers wait in the interpreter queue", off);
            return null;
        }
        try {
            TwilioRestClient rest = new TwilioRestClient.Builder(account, twilio.authToken()).build();
            if (agentDelivery) {
                LOG.info("Twilio interpreter bridge is on: agent delivery calls a roster agent into each conference"
                        + " (queues no roster agent takes use twilio.interpreter-agents {})",
                        live.config().settings().twilio().interpreterAgents().keySet());
            } else {
                LOG.info("Twilio interpreter bridge is on for queues {}",
                        live.config().settings().twilio().interpreterAgents().keySet());
            }
            return new TwilioWebhooks.Interpreting(rest,
                    queue -> java.util.Optional.ofNullable(live.config().settings().twilio().interpreterAgents().get(queue)),
                    queue -> desk != null && desk.servesQueue(queue));
        } catch (RuntimeException e) {
            LOG.error("Twilio interpreter bridge is off: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Agent delivery when the Twilio account is known (even with no agent yet: agents.yaml may list
     * some after a reload), following configuration reloads; else null, and a reload that brings
     * agents says a restart is needed.
     */
    private static AgentDesk agentDesk(LiveConfig live, Map<String, String> env, TwilioWebhooks.Credentials twilio,
                                       AtomicReference<TwilioWebhooks> door, org.aiguilleur.records.store.Database shared) {
        String account = env.get(ACCOUNT_ENV);
        if (account == null || account.isBlank()) {
            if (!live.config().agents().agents().isEmpty()) {
                LOG.warn("agent delivery is off: set {} (callers wait in Twilio's queues)", ACCOUNT_ENV);
            }
            deliveryOff(live, ACCOUNT_ENV + " is not set");
            return null;
        }
        AgentDesk desk = startDesk(live, env, twilio, door, account, shared);
        if (desk == null) {
            deliveryOff(live, "it could not start");
        } else {
            live.follow(desk::prepare);
            if (desk.roster().agents().isEmpty()) {
                LOG.info("agent delivery is on with no agent yet: agents added to agents.yaml take calls after the reload");
            }
        }
        return desk;
    }

    /** Without a desk, a reload that lists agents says why they get no calls. */
    private static void deliveryOff(LiveConfig live, String why) {
        live.follow(next -> {
            boolean changed = !next.agents().equals(live.config().agents());
            return () -> {
                if (changed && !next.agents().agents().isEmpty()) {
                    LOG.warn("agents.yaml lists {} agents but agent delivery is off ({}): restart serve once that is fixed",
                            next.agents().agents().size(), why);
                }
            };
        });
    }

    private static AgentDesk startDesk(LiveConfig live, Map<String, String> env, TwilioWebhooks.Credentials twilio,
                                       AtomicReference<TwilioWebhooks> door, String account,
                                       org.aiguilleur.records.store.Database shared) {
        try {
            TwilioRestClient rest = new TwilioRestClient.Builder(account, twilio.authToken()).build();
            AgentDesk.Builder builder = AgentDesk.builder(live.config(), rest, live.clock());
            if (shared != null) {
                builder.sharedStore(shared);
            }
            return builder
                    .publicBaseUrl(twilio.publicUrl())
                    .authToken(twilio.authToken())
                    .environment(env)
                    .requeue(caller -> door.get().enqueueTwiml(caller))
                    .answered((caller, agent, at) -> door.get().agentAnswered(caller, agent, at))
                    // Interpreted callers wait for their agent in the bridge's conference.
                    .conferences(callId -> door.get() == null ? java.util.Optional.empty() : door.get().conferenceLeg(callId))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            // Callers still reach Twilio's queues; the operator sees why agents get no calls.
            LOG.error("agent delivery is off: {}", e.getMessage());
            return null;
        }
    }
}
