package org.aiguilleur.records.http;

import static org.aiguilleur.testing.CallEventsFixture.answered;
import static org.aiguilleur.testing.CallEventsFixture.callback;
import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallRecorder;
import org.aiguilleur.records.CallerHash;
import org.aiguilleur.records.Records;
import org.aiguilleur.records.StoredEvent;
import org.aiguilleur.records.report.ReportBuilder;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.testing.Fixtures;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agents' records API and the managers' reports API over real HTTP on loopback Jetty. */
class RecordsApiTest {
    static final Instant T0 = Fixtures.local("2026-11-24T10:00");
    static final Map<String, String> TOKENS = Map.of("agent-token", "agent-1", "manager-token", "manager-1");
    static final AgentAuthenticator AUTH = token -> Optional.ofNullable(TOKENS.get(token));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Database db;
    RecordStore store;
    Server server;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        db = Database.open("jdbc:h2:file:" + tmp.resolve("records"), "sa", Optional.empty(), 4);
        store = new RecordStore(db, Centres.of(Fixtures.shipped()));
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
        server = serve(new RecordsHandler(store, AUTH, Records.needIds(Fixtures.shipped()), clock),
                new ReportsHandler(new ReportBuilder(store, Fixtures.QUEBEC, Duration.ofSeconds(60)), AUTH, Set.of("manager-1")));
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        store.apply(List.of(
                new StoredEvent("1", ivrEnded("CA1", "5145550100", T0, Duration.ofSeconds(30),
                        result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "housing")), null),
                new StoredEvent("2", answered("CA1", T0.plusSeconds(60), "grand-montreal-fr", "agent-1"), null),
                new StoredEvent("3", ended("CA1", T0.plusSeconds(400)), null),
                new StoredEvent("4", ivrEnded("CB1", "5145550100", T0, Duration.ofSeconds(50),
                        callback("fr", "montreal", "food", "https://recordings.example/RE1")), null)));
    }

    static Server serve(Handler records, Handler reports) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler reportsContext = new ContextHandler(reports, ReportsHandler.PREFIX);
        // GET /api/reports?... without a trailing slash, as managers' tools call it.
        reportsContext.setAllowNullPathInContext(true);
        server.setHandler(new ContextHandlerCollection(new ContextHandler(records, RecordsHandler.PREFIX), reportsContext));
        server.start();
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        db.close();
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.toString());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
        return JSON.readTree(r.body());
    }

    static void assertError(int status, String containing, HttpResponse<String> r) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        String error = json(r).get("error").asText();
        assertTrue(error.contains(containing), error);
    }

    /** A body declared larger than 64 KiB is refused before it is read (raw HTTP/1.1: only the head is sent). */
    void assertTooLarge(String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer agent-token\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 70000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("{\"error\":\"the body is larger than 65536 bytes\"}"), answer);
        }
    }

    @Test
    void withoutAValidToken_answers401() throws Exception {
        HttpResponse<String> none = send("GET", "/api/records/calls/CA1", null, null);
        assertError(401, "bearer token", none);
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertError(401, "unknown", send("GET", "/api/records/calls/CA1", "stolen", null));
        assertError(401, "bearer token", send("GET", "/api/reports?from=2026-11-24&to=2026-11-24", null, null));
    }

    @Test
    void agentCodesNeeds_andReadsThemBack() throws Exception {
        String body = "{\"needs\":[{\"need\":\"housing\",\"taxonomy\":\"BH-1800.8500\",\"met\":false,\"reason\":\"waiting-list\"},"
                + "{\"need\":\"food\",\"met\":true}],\"referrals\":[{\"need\":\"food\",\"to\":\"Moisson Montréal\"}]}";
        HttpResponse<String> put = send("PUT", "/api/records/calls/CA1/coding", "agent-token", body);
        assertEquals(200, put.statusCode(), put.body());
        JsonNode call = json(send("GET", "/api/records/calls/CA1", "agent-token", null));
        assertEquals("housing", call.get("needs").get(0).get("need").asText());
        assertEquals("waiting-list", call.get("needs").get(0).get("reason").asText());
        assertEquals("agent-1", call.get("needs").get(1).get("coded_by").asText());
        assertEquals(T0.plusSeconds(3600).toString(), call.get("needs").get(1).get("coded_at").asText());
        assertEquals("Moisson Montréal", call.get("referrals").get(0).get("referred_to").asText());
        assertEquals(340_000, call.get("handle_ms").asLong());
        assertFalse(call.has("caller_hash"), "the caller hash is for statistics, not for agents");
    }

    @Test
    void badCoding_isRefusedWithTheReason() throws Exception {
        String path = "/api/records/calls/CA1/coding";
        assertError(400, "\"shelter\" is not a need id", send("PUT", path, "agent-token", "{\"needs\":[{\"need\":\"shelter\",\"met\":true}]}"));
        assertError(400, "needs a reason", send("PUT", path, "agent-token", "{\"needs\":[{\"need\":\"food\",\"met\":false}]}"));
        assertError(400, "only an unmet need", send("PUT", path, "agent-token", "{\"needs\":[{\"need\":\"food\",\"met\":true,\"reason\":\"cost\"}]}"));
        assertError(400, "taxonomy", send("PUT", path, "agent-token", "{\"needs\":[{\"need\":\"food\",\"met\":true,\"taxonomy\":\"food bank\"}]}"));
        assertError(400, "needs[0].note: unknown field", send("PUT", path, "agent-token", "{\"needs\":[{\"need\":\"food\",\"met\":true,\"note\":\"x\"}]}"));
        assertError(400, "not valid JSON", send("PUT", path, "agent-token", "{\"needs\":"));
        assertError(400, "JSON object", send("PUT", path, "agent-token", "[1]"));
        assertError(400, "1 to 20 needs", send("PUT", path, "agent-token", "{\"needs\":[]}"));
        assertTooLarge(path);
        assertError(404, "no record of call", send("PUT", "/api/records/calls/NOPE/coding", "agent-token",
                "{\"needs\":[{\"need\":\"food\",\"met\":true}]}"));
        HttpResponse<String> get = send("GET", path, "agent-token", null);
        assertError(405, "use PUT", get);
        assertEquals("PUT", get.headers().firstValue("Allow").orElse(""));
        assertError(404, "no such records resource", send("GET", "/api/records/everything", "agent-token", null));
        assertError(404, "no record", send("GET", "/api/records/calls/NOPE", "agent-token", null));
    }

    @Test
    void agentListsAndClosesCallbacks() throws Exception {
        JsonNode open = json(send("GET", "/api/records/callbacks", "agent-token", null));
        assertEquals(1, open.get("callbacks").size());
        assertEquals("CB1", open.get("callbacks").get(0).get("callId").asText());
        assertEquals("https://recordings.example/RE1", open.get("callbacks").get(0).get("recording").asText());
        HttpResponse<String> close = send("POST", "/api/records/callbacks/CB1/close", "agent-token", "{\"outcome\":\"reached\"}");
        assertEquals(200, close.statusCode(), close.body());
        assertEquals(0, json(send("GET", "/api/records/callbacks", "agent-token", null)).get("callbacks").size());
        JsonNode all = json(send("GET", "/api/records/callbacks?all=true", "agent-token", null));
        assertEquals("agent-1", all.get("callbacks").get(0).get("handledBy").asText());
        assertError(409, "already closed", send("POST", "/api/records/callbacks/CB1/close", "agent-token", "{\"outcome\":\"reached\"}"));
        assertError(409, "no call-back", send("POST", "/api/records/callbacks/CA1/close", "agent-token", "{\"outcome\":\"reached\"}"));
        assertError(400, "outcome", send("POST", "/api/records/callbacks/CA1/close", "agent-token", "{\"outcome\":\"done\"}"));
    }

    @Test
    void reports_areForManagers() throws Exception {
        String q = "/api/reports?from=2026-11-24&to=2026-11-24&by=region";
        assertError(403, "managers", send("GET", q, "agent-token", null));
        JsonNode report = json(send("GET", q, "manager-token", null));
        assertEquals("region", report.get("by").asText());
        assertEquals("<5", report.get("calls").get(0).get("calls").asText());
        HttpResponse<String> csv = send("GET", q + "&format=csv", "manager-token", null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("section,region,calls"), csv.body());
        assertError(400, "is not a date", send("GET", "/api/reports?from=24/11/2026&to=2026-11-24", "manager-token", null));
        assertError(400, "after", send("GET", "/api/reports?from=2026-11-25&to=2026-11-24", "manager-token", null));
        assertError(400, "not one of region", send("GET", q.replace("region", "province"), "manager-token", null));
        assertError(400, "unknown parameter", send("GET", q + "&limit=5", "manager-token", null));
        assertError(405, "use GET", send("POST", q, "manager-token", "{}"));
    }

    @Test
    void handlersBlock_soJdbcNeverRunsOnANonBlockingThread() {
        for (Handler h : new Handler[] {new RecordsHandler(store, AUTH, Set.of(), Clock.systemUTC()),
            new ReportsHandler(new ReportBuilder(store, Fixtures.QUEBEC, Duration.ofSeconds(60)), AUTH, Set.of())}) {
            assertEquals(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING, h.getInvocationType());
        }
    }

    @Test
    void mountedWithoutAContext_servesTheSamePaths() throws Exception {
        server.stop();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new RecordsHandler(store, AUTH, Set.of("food"), Clock.systemUTC()));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
        assertEquals("CB1", json(send("GET", "/api/records/callbacks", "agent-token", null)).get("callbacks").get(0)
                .get("callId").asText());
    }

    @Test
    void databaseAway_answers503() throws Exception {
        try (Database away = Database.open("jdbc:postgresql://127.0.0.1:9/none?connectTimeout=1", "x", Optional.empty(), 1)) {
            server.stop();
            RecordStore gone = new RecordStore(away, Centres.of(Fixtures.shipped()));
            server = serve(new RecordsHandler(gone, AUTH, Set.of("food"), Clock.systemUTC()),
                    new ReportsHandler(new ReportBuilder(gone, Fixtures.QUEBEC, Duration.ofSeconds(60)), AUTH, Set.of("manager-1")));
            base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            assertError(503, "unavailable", send("GET", "/api/records/callbacks", "agent-token", null));
            assertError(503, "unavailable", send("GET", "/api/reports?from=2026-11-24&to=2026-11-24", "manager-token", null));
        }
    }

    @Test
    void recorderStats_tellManagersThatTheJournalFails() throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("data"), "a file where the journal's folder should be");
        try (CallRecorder recorder = CallRecorder.start(store, tmp.resolve("data/journal.jsonl"),
                new CallerHash("a secret of enough bytes, for the test".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                100, 10, Duration.ofMillis(20), Duration.ofMillis(100))) {
            recorder.emit(ended("CA1", T0.plusSeconds(500)));
            assertTrue(recorder.awaitStored(Duration.ofSeconds(20)), recorder.stats().toString());
            server.stop();
            server = serve(new RecordsHandler(store, AUTH, Set.of("food"), Clock.systemUTC()),
                    new ReportsHandler(new ReportBuilder(store, Fixtures.QUEBEC, Duration.ofSeconds(60)), AUTH,
                            Set.of("manager-1"), () -> Optional.of(recorder.stats())));
            base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            assertError(403, "managers", send("GET", "/api/reports/recorder", "agent-token", null));
            JsonNode stats = json(send("GET", "/api/reports/recorder", "manager-token", null));
            assertFalse(stats.get("journalUp").asBoolean(), stats.toString());
            assertTrue(stats.get("databaseUp").asBoolean(), stats.toString());
            assertEquals(1, stats.get("unjournaled").asLong(), stats.toString());
            assertEquals(1, stats.get("stored").asLong(), stats.toString());
            assertEquals(0, stats.get("dropped").asLong(), stats.toString());
            assertError(405, "use GET", send("POST", "/api/reports/recorder", "manager-token", "{}"));
        }
    }
}
