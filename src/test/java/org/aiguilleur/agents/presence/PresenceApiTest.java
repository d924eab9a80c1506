package org.aiguilleur.agents.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TestClock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The presence API through a real Jetty server on loopback, with real bearer tokens. */
class PresenceApiTest {
    private static final String AMELIE = "amelie-token-0f3a9c2e5b7d41a8b6c0e2f4a6b8d0c2"; // supervisor
    private static final String CARLOS = "carlos-token-7d1e3f5a7b9c0d2e4f6a8b0c2d4e6f80";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Server server;
    private static String base;
    private static final TestClock CLOCK = new TestClock(Fixtures.local("2026-11-24T10:00"));
    private static InMemoryPresenceStore store;
    private static final List<Offer> DELIVERED = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Roster roster = Fixtures.shipped().agents();
        AgentTokens tokens = AgentTokens.load(java.util.Optional.empty(),
                Map.of(AgentTokens.ENV_TOKENS, "amelie-roy " + AgentTokens.hashOf(AMELIE) + "; carlos-mendez " + AgentTokens.hashOf(CARLOS)),
                Set.of("amelie-roy", "carlos-mendez", "kevin-obrien"));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new SwappableApi(roster, tokens));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/api/agents";
    }

    /** The API over a store that each test replaces. */
    private static final class SwappableApi extends org.eclipse.jetty.server.Handler.Abstract {
        private final Roster roster;
        private final AgentTokens tokens;

        SwappableApi(Roster roster, AgentTokens tokens) {
            this.roster = roster;
            this.tokens = tokens;
        }

        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                              org.eclipse.jetty.util.Callback callback) {
            return new PresenceApi("/api/agents", roster, store, tokens, CLOCK, DELIVERED::addAll).handle(request, response, callback);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @BeforeEach
    void freshStore() {
        store = new InMemoryPresenceStore(Fixtures.shipped().agents(), Fixtures.shipped().centres(), CLOCK.instant(), Duration.ofSeconds(50));
        DELIVERED.clear();
    }

    private static HttpResponse<String> call(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> set(String path, String token, String presence) throws Exception {
        return call("PUT", path, token, "application/json", "{\"presence\":\"" + presence + "\"}");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.toString());
        return JSON.readTree(r.body());
    }

    @Test
    void agent_setsAvailableAwayOffline_andReadsTheirOwnState() throws Exception {
        JsonNode me = json(call("GET", "/me", CARLOS, null, null));
        assertEquals("carlos-mendez", me.get("id").asText());
        assertEquals("offline", me.get("presence").asText());
        assertEquals("[\"es\",\"fr\",\"en\"]", me.get("languages").toString());
        for (String p : List.of("available", "away", "offline", "available")) {
            CLOCK.advance(Duration.ofSeconds(5));
            HttpResponse<String> r = set("/me/presence", CARLOS, p);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(p, json(r).get("presence").asText());
            assertEquals(CLOCK.instant().toString(), json(r).get("presenceSince").asText());
        }
        assertEquals(Presence.AVAILABLE, store.state("carlos-mendez").orElseThrow().presence());
        assertEquals("idle", json(call("GET", "/carlos-mendez", CARLOS, null, null)).get("activity").asText());
    }

    @Test
    void becomingAvailable_offersAWaitingCaller() throws Exception {
        store.callerWaiting(new WaitingCaller("CA1", "grand-montreal-es", "es", "montreal", "food", "", CLOCK.instant()), CLOCK.instant());
        assertEquals(200, set("/me/presence", CARLOS, "available").statusCode());
        assertEquals(1, DELIVERED.size());
        assertEquals("carlos-mendez", DELIVERED.get(0).agentId());
        assertEquals("offered", json(call("GET", "/me", CARLOS, null, null)).get("activity").asText());
    }

    @Test
    void supervisor_listsEveryone_andSetsAnotherAgent_whileAnAgentSeesOnlyThemselves() throws Exception {
        JsonNode all = json(call("GET", "", AMELIE, null, null)).get("agents");
        assertEquals(6, all.size());
        assertEquals(1, json(call("GET", "/", CARLOS, null, null)).get("agents").size());
        assertEquals(200, set("/carlos-mendez/presence", AMELIE, "away").statusCode());
        assertEquals(Presence.AWAY, store.state("carlos-mendez").orElseThrow().presence());
        HttpResponse<String> forbidden = set("/amelie-roy/presence", CARLOS, "offline");
        assertEquals(403, forbidden.statusCode());
        assertEquals("forbidden", json(forbidden).get("error").asText());
        assertEquals(403, call("GET", "/kevin-obrien", CARLOS, null, null).statusCode());
        assertEquals(404, call("GET", "/nobody", AMELIE, null, null).statusCode());
    }

    @Test
    void missingOrWrongToken_is401WithAChallenge() throws Exception {
        for (String token : new String[] {null, "not-a-token", AMELIE + "x", ""}) {
            HttpResponse<String> r = call("GET", "/me", token, null, null);
            assertEquals(401, r.statusCode());
            assertEquals("unauthorized", json(r).get("error").asText());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
        HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/me"))
                .header("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
        assertEquals(Presence.OFFLINE, store.state("amelie-roy").orElseThrow().presence());
    }

    @Test
    void badBodies_are400_415_413_andChangeNothing() throws Exception {
        assertEquals(400, set("/me/presence", CARLOS, "busy").statusCode());
        assertEquals(400, call("PUT", "/me/presence", CARLOS, "application/json", "{\"presence\":").statusCode());
        assertEquals(400, call("PUT", "/me/presence", CARLOS, "application/json", "[\"available\"]").statusCode());
        assertEquals(400, call("PUT", "/me/presence", CARLOS, "application/json",
                "{\"presence\":\"available\",\"agent\":\"amelie-roy\"}").statusCode());
        assertEquals(400, call("PUT", "/me/presence", CARLOS, "application/json", "{\"presence\":\"available\"} {}").statusCode());
        assertEquals(415, call("PUT", "/me/presence", CARLOS, "text/plain", "available").statusCode());
        try {
            HttpResponse<String> big = call("PUT", "/me/presence", CARLOS, "application/json",
                    "{\"presence\":\"" + "a".repeat(PresenceApi.MAX_BODY) + "\"}");
            assertEquals(413, big.statusCode());
            assertFalse(big.body().contains("Exception"));
        } catch (java.io.IOException refusedBeforeTheBodyWasSent) {
            // The server may answer 413 and close before the client has written the whole body: the
            // client then sees a closed connection instead of the answer. Refused all the same.
        }
        assertEquals(Presence.OFFLINE, store.state("carlos-mendez").orElseThrow().presence());
    }

    @Test
    void wrongMethodOrPath_is405Or404() throws Exception {
        HttpResponse<String> r = call("DELETE", "/me", CARLOS, null, null);
        assertEquals(405, r.statusCode());
        assertEquals("GET", r.headers().firstValue("Allow").orElse(""));
        assertEquals(405, call("GET", "/me/presence", CARLOS, null, null).statusCode());
        assertEquals(405, call("POST", "", CARLOS, "application/json", "{}").statusCode());
        assertEquals(404, call("GET", "/me/calls", CARLOS, null, null).statusCode());
        assertEquals(404, call("GET", "/me/presence/x", CARLOS, null, null).statusCode());
        assertEquals("not-found", json(call("GET", "/me/calls", CARLOS, null, null)).get("error").asText());
    }
}
