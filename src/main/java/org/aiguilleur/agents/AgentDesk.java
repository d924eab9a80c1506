package org.aiguilleur.agents;

import com.twilio.http.TwilioRestClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.agents.delivery.AgentCallHandler;
import org.aiguilleur.agents.delivery.AgentUrls;
import org.aiguilleur.agents.delivery.Conferences;
import org.aiguilleur.agents.delivery.Dispatcher;
import org.aiguilleur.agents.delivery.OfferAgents;
import org.aiguilleur.agents.delivery.Requeue;
import org.aiguilleur.agents.delivery.TwilioDelivery;
import org.aiguilleur.agents.delivery.TwilioSignature;
import org.aiguilleur.agents.presence.InMemoryPresenceStore;
import org.aiguilleur.agents.presence.JdbcPresenceStore;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.presence.Presence;
import org.aiguilleur.agents.presence.PresenceApi;
import org.aiguilleur.agents.presence.PresenceStore;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.Region;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent delivery, wired: build one from the configuration, a Twilio REST client and a clock, then
 * give {@link #callerQueue()} to the Twilio door, mount {@link #mounts()} on its Jetty server, and
 * {@link #start()} it. To follow configuration reloads (agents.yaml, the tokens file), let the live
 * configuration call {@link #prepare} with each new one. See the package documentation for an example.
 */
public final class AgentDesk implements AutoCloseable {
    /** A handler and the path prefix to mount it at. */
    public record Mount(String pathPrefix, Handler handler) {
    }

    /** Where the presence API is mounted. */
    public static final String PRESENCE_PREFIX = "/api/agents";
    /** How long after an unanswered offer's ring time its Dial callback may still come. */
    private static final Duration CALLBACK_GRACE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);

    /** What the desk works with, from one configuration; replaced whole on a reload. */
    private record Current(Configuration config, Roster roster, AgentTokens tokens, Map<String, String> queueLanguage) {
        static Current of(Configuration config, AgentTokens tokens) {
            Map<String, String> queueLanguage = new LinkedHashMap<>();
            for (Centre c : config.centres()) {
                c.languages().forEach(l -> queueLanguage.put(c.queue(l), l));
            }
            return new Current(config, config.agents(), tokens, Map.copyOf(queueLanguage));
        }
    }

    private final AtomicReference<Current> current;
    /** Agents a reload removed, as they were, for the offers still ringing them. */
    private final Map<String, OfferAgents.Listed> removed = new ConcurrentHashMap<>();
    private final Map<String, String> environment;
    private final PresenceStore store;
    private final Dispatcher dispatcher;
    private final List<Mount> mounts;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService ticker;
    private final InstantSource clock;
    private final BackgroundCallerQueue background;

    private AgentDesk(Builder b) {
        Configuration config = b.config;
        this.clock = b.clock;
        this.environment = b.environment;
        Roster roster = config.agents();
        // Tokens first: a bad secrets file fails the build before any thread is started.
        AgentTokens tokens = AgentTokens.forRoster(roster, b.environment);
        this.current = new AtomicReference<>(Current.of(config, tokens));
        this.store = b.store != null ? b.store
                : b.shared != null ? new JdbcPresenceStore(b.shared, roster, config.centres(), b.clock.instant(), stale(roster))
                : new InMemoryPresenceStore(roster, config.centres(), b.clock.instant(), stale(roster));
        TwilioSignature signature = new TwilioSignature(b.authToken, b.publicBaseUrl);
        OfferAgents agents = new OfferAgents() {
            @Override
            public Roster roster() {
                return current.get().roster();
            }

            @Override
            public Optional<Listed> ofOffer(String agentId) {
                return OfferAgents.listed(roster(), agentId).or(() -> Optional.ofNullable(removed.get(agentId)));
            }
        };
        TwilioDelivery delivery = new TwilioDelivery(b.client, new AgentUrls(signature.publicBase()), b.clock, agents,
                b.conferences);
        this.ownExecutor = b.executor == null ? Executors.newFixedThreadPool(4, daemon("agent-delivery")) : null;
        this.dispatcher = new Dispatcher(store, delivery, b.clock, b.executor != null ? b.executor : ownExecutor,
                () -> roster().retryAfter(), b.answered, ownExecutor != null);
        warnWithoutTokens(current.get());
        AgentCallHandler calls = new AgentCallHandler(store, dispatcher, agents, signature, b.clock, b.requeue,
                id -> current.get().config().regions().region(id).map(Region::name),
                q -> Optional.ofNullable(current.get().queueLanguage().get(q)),
                () -> current.get().config().settings().defaultQueue(), b.conferences);
        PresenceApi api = new PresenceApi(PRESENCE_PREFIX, () -> current.get().roster(), store, authenticator(), b.clock,
                dispatcher::deliver);
        this.mounts = List.of(new Mount(PRESENCE_PREFIX, api), new Mount(AgentUrls.PREFIX, calls));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("agent-matching"));
        // A shared store works in the database: never on the door's webhook thread.
        this.background = b.shared != null ? new BackgroundCallerQueue(dispatcher) : null;
    }

    private static Duration stale(Roster roster) {
        return roster.answerTimeout().plus(CALLBACK_GRACE);
    }

    private static void warnWithoutTokens(Current c) {
        if (c.tokens().size() == 0 && !c.roster().agents().isEmpty()) {
            LOG.warn("no agent tokens found ({}, {} or tokens-file): agents cannot set their presence",
                    AgentTokens.ENV_TOKENS, AgentTokens.ENV_FILE);
        }
    }

    /**
     * Checks a configuration about to replace the running one, and returns how to switch the desk to
     * it; nothing changes until that is run. The tokens of its roster are read now, so a tokens file
     * with an error refuses the whole reload and the running roster and tokens stay.
     *
     * <p>The switch: new agents can sign in and set their presence at once (offline until they do);
     * agents removed are signed out (their token no longer works, no new offer) while a call already
     * ringing or connected to them goes on to its end; changed centres and languages count from the
     * next match; whisper texts, answer timeout, accept key and retry time from the next offer. Callers
     * waiting keep their places.
     *
     * @throws ConfigException the tokens of {@code next} cannot be read (each entry with its problem)
     */
    public Runnable prepare(Configuration next) throws ConfigException {
        Current c = Current.of(next, AgentTokens.readForRoster(next.agents(), environment));
        return () -> switchTo(c);
    }

    private synchronized void switchTo(Current next) {
        Current before = current.get();
        List<String> gone = new java.util.ArrayList<>();
        for (Agent a : before.roster().agents()) {
            if (next.roster().agent(a.id()).isEmpty()) {
                gone.add(a.id());
                OfferAgents.listed(before.roster(), a.id()).ifPresent(l -> removed.put(a.id(), l));
            }
        }
        List<String> added = new java.util.ArrayList<>();
        for (Agent a : next.roster().agents()) {
            removed.remove(a.id());
            if (before.roster().agent(a.id()).isEmpty()) {
                added.add(a.id());
            }
        }
        // The webhooks see the new roster first, then the store matches with it.
        current.set(next);
        dispatcher.deliver(store.rosterChanged(next.roster(), next.config().centres(), stale(next.roster()), clock.instant()));
        LOG.info("agents reloaded: {} agents, {} with a token; added {}, removed (signed out) {}",
                next.roster().agents().size(), next.tokens().size(), added, gone);
        warnWithoutTokens(next);
    }

    public static Builder builder(Configuration config, TwilioRestClient client, InstantSource clock) {
        return new Builder(config, client, clock);
    }

    /** What the Twilio door tells about waiting callers. */
    public CallerQueue callerQueue() {
        return background != null ? background : dispatcher;
    }

    /** Bearer token to agent id, for the agents' APIs (also the records' disposition API); follows reloads. */
    public AgentAuthenticator authenticator() {
        return token -> current.get().tokens().agentFor(token);
    }

    /**
     * Whether an agent of the roster in force takes {@code queue} (works at its centre, speaks its
     * language), whatever their presence now: a caller of that queue can be delivered some day.
     */
    public boolean servesQueue(String queue) {
        Current c = current.get();
        for (Centre centre : c.config().centres()) {
            for (String l : centre.languages()) {
                if (centre.queue(l).equals(queue)) {
                    return c.roster().agents().stream().anyMatch(a -> a.takes(centre.id(), l));
                }
            }
        }
        return false;
    }

    /** The presence store (for supervision screens and tests). */
    public PresenceStore store() {
        return store;
    }

    /** The roster in use (the last configuration taken). */
    public Roster roster() {
        return current.get().roster();
    }

    /** The handlers to mount: the presence API and the agent-delivery webhooks. */
    public List<Mount> mounts() {
        return mounts;
    }

    /**
     * Sets an agent's presence, as the presence API does, and delivers the offers it makes.
     *
     * @return false for an agent not in the roster
     */
    public boolean setPresence(String agentId, Presence presence) {
        Optional<List<Offer>> offers = store.setPresence(agentId, presence, clock.instant());
        offers.ifPresent(dispatcher::deliver);
        return offers.isPresent();
    }

    /** Runs one matching tick now: retries due callers, ends stale offers. */
    public void tick() {
        dispatcher.tick();
    }

    /** Starts the once-a-second matching tick. */
    public AgentDesk start() {
        ticker.scheduleWithFixedDelay(dispatcher::tick, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (background != null) {
            background.close();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds an {@link AgentDesk}; the public base URL and the auth token are required. */
    public static final class Builder {
        private final Configuration config;
        private final TwilioRestClient client;
        private final InstantSource clock;
        private String publicBaseUrl;
        private String authToken;
        private Requeue requeue = Requeue.PLAIN;
        private Map<String, String> environment = Map.of();
        private java.util.concurrent.Executor executor;
        private PresenceStore store;
        private AnsweredCalls answered = AnsweredCalls.NONE;
        private org.aiguilleur.records.store.Database shared;
        private Conferences conferences = Conferences.NONE;

        private Builder(Configuration config, TwilioRestClient client, InstantSource clock) {
            this.config = Objects.requireNonNull(config, "config");
            this.client = Objects.requireNonNull(client, "client");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The public https base URL Twilio calls (the one its signatures are computed on). */
        public Builder publicBaseUrl(String url) {
            this.publicBaseUrl = url;
            return this;
        }

        /** The Twilio auth token the webhooks' signatures are checked with. */
        public Builder authToken(String token) {
            this.authToken = token;
            return this;
        }

        /** The door's TwiML that puts a caller back in their queue (default: a plain {@code <Enqueue>}). */
        public Builder requeue(Requeue requeue) {
            this.requeue = Objects.requireNonNull(requeue, "requeue");
            return this;
        }

        /** Where agent tokens may come from ({@link AgentTokens#ENV_TOKENS}, {@link AgentTokens#ENV_FILE}); usually {@code System.getenv()}. */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** Runs REST deliveries (default: a pool of four daemon threads). */
        public Builder executor(java.util.concurrent.Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Told when an agent takes an offered caller (default: nobody); the Twilio door records the answer. */
        public Builder answered(AnsweredCalls answered) {
            this.answered = Objects.requireNonNull(answered, "answered");
            return this;
        }

        /**
         * Where interpreted callers wait in a conference (the Twilio door's interpreter bridge): their
         * agent is called into it (default: none, every caller waits in a queue).
         */
        public Builder conferences(Conferences conferences) {
            this.conferences = Objects.requireNonNull(conferences, "conferences");
            return this;
        }

        /** Another presence store (a shared one when several instances run). */
        public Builder store(PresenceStore store) {
            this.store = store;
            return this;
        }

        /**
         * Keeps presence, the line and the offers in {@code records} ({@link JdbcPresenceStore}), shared
         * with every instance on that database; callers are then reported to it off the door's thread.
         */
        public Builder sharedStore(org.aiguilleur.records.store.Database records) {
            this.shared = Objects.requireNonNull(records, "records");
            return this;
        }

        /**
         * @throws IllegalArgumentException the tokens file is unreadable or malformed
         * @throws NullPointerException     the public base URL or the auth token is missing
         */
        public AgentDesk build() {
            Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
            Objects.requireNonNull(authToken, "authToken");
            return new AgentDesk(this);
        }
    }
}
