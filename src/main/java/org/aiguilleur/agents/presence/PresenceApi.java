package org.aiguilleur.agents.presence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Roster;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' presence API, JSON over HTTP, for a Jetty 12 server. Paths under {@code prefix}
 * (for example {@code /api/agents}):
 * <ul>
 *   <li>{@code GET /} lists presence: every agent for a supervisor, only themselves for an agent;</li>
 *   <li>{@code GET /me}, {@code GET /{id}}: one agent's state;</li>
 *   <li>{@code PUT /me/presence}, {@code PUT /{id}/presence} with {@code {"presence":"available"}}
 *       ({@code available}, {@code away}, {@code offline}): sets it (an agent for themselves, a
 *       supervisor for anyone) and answers the new state.</li>
 * </ul>
 * Every request carries {@code Authorization: Bearer TOKEN}. Errors are JSON
 * {@code {"error":..., "message":...}} with 400, 401, 403, 404, 405, 413 or 415, never a stack trace.
 */
public final class PresenceApi extends Handler.Abstract {
    /** The largest request body read. */
    public static final int MAX_BODY = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(PresenceApi.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String prefix;
    private final Supplier<Roster> roster;
    private final PresenceStore store;
    private final AgentAuthenticator auth;
    private final InstantSource clock;
    private final Consumer<List<Offer>> deliver;

    /**
     * @param prefix  the path it is mounted at, without a trailing slash ({@code /api/agents})
     * @param deliver receives the offers a presence change made
     */
    public PresenceApi(String prefix, Roster roster, PresenceStore store, AgentAuthenticator auth, InstantSource clock,
                       Consumer<List<Offer>> deliver) {
        this(prefix, () -> roster, store, auth, clock, deliver);
    }

    /**
     * The same, following configuration reloads: {@code roster} and {@code auth} are asked at each
     * request, so an agent added can sign in at once and one removed (or whose token changed) cannot.
     */
    public PresenceApi(String prefix, Supplier<Roster> roster, PresenceStore store, AgentAuthenticator auth,
                       InstantSource clock, Consumer<List<Offer>> deliver) {
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.roster = roster;
        this.store = store;
        this.auth = auth;
        this.clock = clock;
        this.deliver = deliver;
    }

    /** Thrown to answer an error; carries no request data. */
    private static final class Refusal extends Exception {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return false;
        }
        try {
            JsonNode body = route(request, response, path.substring(prefix.length()));
            send(response, callback, HttpStatus.OK_200, body);
        } catch (Refusal r) {
            ObjectNode err = JSON.createObjectNode().put("error", r.code).put("message", r.getMessage());
            send(response, callback, r.status, err);
        } catch (RuntimeException | IOException e) {
            LOG.warn("presence API request failed: {}", e.getClass().getSimpleName());
            send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                    JSON.createObjectNode().put("error", "internal").put("message", "the request could not be handled"));
        }
        return true;
    }

    private JsonNode route(Request request, Response response, String rest) throws Refusal, IOException {
        Agent caller = authenticate(request, response);
        String[] parts = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/", -1);
        String method = request.getMethod();
        if (parts.length == 0) {
            allow(response, method, "GET");
            ArrayNode list = JSON.createArrayNode();
            Roster now = roster.get();
            store.states().stream().filter(s -> caller.supervisor() || s.agentId().equals(caller.id()))
                    .forEach(s -> now.agent(s.agentId()).ifPresent(a -> list.add(json(a, s))));
            ObjectNode out = JSON.createObjectNode();
            out.set("agents", list);
            return out;
        }
        String id = parts[0].equals("me") ? caller.id() : parts[0];
        if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("presence")) || id.isEmpty()) {
            throw new Refusal(HttpStatus.NOT_FOUND_404, "not-found", "no such resource");
        }
        if (!caller.supervisor() && !id.equals(caller.id())) {
            throw new Refusal(HttpStatus.FORBIDDEN_403, "forbidden", "only supervisors may see or set another agent");
        }
        Agent agent = roster.get().agent(id).orElseThrow(() -> noAgent(id));
        if (parts.length == 1) {
            allow(response, method, "GET");
            return json(agent, store.state(id).orElseThrow(() -> noAgent(id)));
        }
        allow(response, method, "PUT", "POST");
        Presence p = readPresence(request);
        // Empty only while a reload is switching rosters: as if the agent were not there yet.
        List<Offer> offers = store.setPresence(id, p, clock.instant()).orElseThrow(() -> noAgent(id));
        deliver.accept(offers);
        return json(agent, store.state(id).orElseThrow(() -> noAgent(id)));
    }

    private static Refusal noAgent(String id) {
        return new Refusal(HttpStatus.NOT_FOUND_404, "not-found", "no agent " + id);
    }

    private Agent authenticate(Request request, Response response) throws Refusal {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        Optional<Agent> agent = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            agent = auth.agentFor(header.substring(7).strip()).flatMap(roster.get()::agent);
        }
        if (agent.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"aiguilleur\"");
            throw new Refusal(HttpStatus.UNAUTHORIZED_401, "unauthorized",
                    header == null ? "an Authorization: Bearer token is required" : "the token is not valid");
        }
        return agent.get();
    }

    private static void allow(Response response, String method, String... allowed) throws Refusal {
        if (List.of(allowed).contains(method)) {
            return;
        }
        response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
        throw new Refusal(HttpStatus.METHOD_NOT_ALLOWED_405, "method-not-allowed", method + " is not allowed here");
    }

    private static Presence readPresence(Request request) throws Refusal, IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "send application/json");
        }
        if (request.getLength() > MAX_BODY) {
            throw new Refusal(HttpStatus.PAYLOAD_TOO_LARGE_413, "too-large", "the body is larger than " + MAX_BODY + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new Refusal(HttpStatus.PAYLOAD_TOO_LARGE_413, "too-large", "the body is larger than " + MAX_BODY + " bytes");
        }
        JsonNode body;
        try {
            body = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Refusal(HttpStatus.BAD_REQUEST_400, "bad-request", "the body is not valid JSON");
        }
        if (body == null || !body.isObject() || body.size() != 1 || !body.has("presence") || !body.get("presence").isTextual()) {
            throw new Refusal(HttpStatus.BAD_REQUEST_400, "bad-request", "expected {\"presence\": \"available\" | \"away\" | \"offline\"}");
        }
        String word = body.get("presence").asText();
        return Presence.parse(word).orElseThrow(() -> new Refusal(HttpStatus.BAD_REQUEST_400, "bad-request",
                "presence must be available, away or offline"));
    }

    private static ObjectNode json(Agent a, AgentState s) {
        ObjectNode o = JSON.createObjectNode()
                .put("id", a.id()).put("name", a.name()).put("centre", a.centre())
                .put("presence", s.presence().wire()).put("presenceSince", s.presenceSince().toString())
                .put("activity", s.activity().wire()).put("idleSince", s.idleSince().toString())
                .put("supervisor", a.supervisor());
        ArrayNode langs = o.putArray("languages");
        a.languages().forEach(langs::add);
        return o;
    }

    private static void send(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, java.nio.ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }
}
