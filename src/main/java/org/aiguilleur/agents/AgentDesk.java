package org.aiguilleur.agents;

import com.twilio.http.TwilioRestClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiguilleur.agents.delivery.AgentCallHandler;
import org.aiguilleur.agents.delivery.AgentUrls;
import org.aiguilleur.agents.delivery.Dispatcher;
import org.aiguilleur.agents.delivery.Requeue;
import org.aiguilleur.agents.delivery.TwilioDelivery;
import org.aiguilleur.agents.delivery.TwilioSignature;
import org.aiguilleur.agents.presence.InMemoryPresenceStore;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.presence.Presence;
import org.aiguilleur.agents.presence.PresenceApi;
import org.aiguilleur.agents.presence.PresenceStore;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.Region;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent delivery, wired: build one from the configuration, a Twilio REST client and a clock, then
 * give {@link #callerQueue()} to the Twilio door, mount {@link #mounts()} on its Jetty server, and
 * {@link #start()} it. See the package documentation for an example.
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

    private final Roster roster;
    private final PresenceStore store;
    private final Dispatcher dispatcher;
    private final AgentTokens tokens;
    private final List<Mount> mounts;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService ticker;
    private final InstantSource clock;

    private AgentDesk(Builder b) {
        Configuration config = b.config;
        this.clock = b.clock;
        this.roster = config.agents();
        // Tokens first: a bad secrets file fails the build before any thread is started.
        this.tokens = AgentTokens.forRoster(roster, b.environment);
        Duration stale = roster.answerTimeout().plus(CALLBACK_GRACE);
        this.store = b.store != null ? b.store
                : new InMemoryPresenceStore(roster, config.centres(), b.clock.instant(), stale);
        TwilioSignature signature = new TwilioSignature(b.authToken, b.publicBaseUrl);
        TwilioDelivery delivery = new TwilioDelivery(b.client, new AgentUrls(signature.publicBase()), b.clock);
        this.ownExecutor = b.executor == null ? Executors.newFixedThreadPool(4, daemon("agent-delivery")) : null;
        this.dispatcher = new Dispatcher(store, delivery, b.clock, b.executor != null ? b.executor : ownExecutor,
                roster.retryAfter(), b.answered, ownExecutor != null);
        if (tokens.size() == 0 && !roster.agents().isEmpty()) {
            LOG.warn("no agent tokens found ({}, {} or tokens-file): agents cannot set their presence",
                    AgentTokens.ENV_TOKENS, AgentTokens.ENV_FILE);
        }
        Map<String, String> queueLanguage = new LinkedHashMap<>();
        for (Centre c : config.centres()) {
            c.languages().forEach(l -> queueLanguage.put(c.queue(l), l));
        }
        AgentCallHandler calls = new AgentCallHandler(store, dispatcher, roster, signature, b.clock, b.requeue,
                id -> config.regions().region(id).map(Region::name), q -> Optional.ofNullable(queueLanguage.get(q)),
                config.settings().defaultQueue());
        PresenceApi api = new PresenceApi(PRESENCE_PREFIX, roster, store, tokens, b.clock, dispatcher::deliver);
        this.mounts = List.of(new Mount(PRESENCE_PREFIX, api), new Mount(AgentUrls.PREFIX, calls));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("agent-matching"));
    }

    public static Builder builder(Configuration config, TwilioRestClient client, InstantSource clock) {
        return new Builder(config, client, clock);
    }

    /** What the Twilio door tells about waiting callers. */
    public CallerQueue callerQueue() {
        return dispatcher;
    }

    /** Bearer token to agent id, for the agents' APIs (also the records' disposition API). */
    public AgentAuthenticator authenticator() {
        return tokens;
    }

    /** The presence store (for supervision screens and tests). */
    public PresenceStore store() {
        return store;
    }

    /** The roster in use. */
    public Roster roster() {
        return roster;
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

        /** Another presence store (a shared one when several instances run). */
        public Builder store(PresenceStore store) {
            this.store = store;
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
