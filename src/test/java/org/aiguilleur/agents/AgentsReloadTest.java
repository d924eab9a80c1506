package org.aiguilleur.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.config.ConfigError;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeTwilioRest;
import org.aiguilleur.testing.FakeTwilioRest.AgentDoes;
import org.aiguilleur.testing.FakeTwilioRest.Reply;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TestClock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Operators edit agents.yaml and the tokens file of a running server: the desk follows the reload
 * without dropping a caller. Real Jetty, the presence API over HTTP with bearer tokens, the agent
 * webhooks signed by the fake Twilio, and the real configuration reload ({@link LiveConfig}).
 */
class AgentsReloadTest {
    private static final String PUBLIC = "https://211.example.org";
    private static final String AMELIE = "amelie-token-5e1a9c3d7b2f4e6a8c0d2f4b6a8e0c2d";
    private static final String KEVIN = "kevin-token-3b5d7f9a1c3e5a7b9d1f3a5c7e9b1d3f";
    private static final String ROSA = "rosa-token-9a7c5e3b1d9f7a5c3e1b9d7f5a3c1e9b";
    private static final String ROSA_ENTRY = "\n  - { id: rosa-diaz, name: Rosa Díaz, centre: grand-montreal, languages: [es],"
            + " reach: \"client:rosa-diaz\" }\n";
    private static final String AMELIE_ENTRY = "  - { id: amelie-roy,       name: Amélie Roy,       centre: grand-montreal,"
            + " languages: [fr, en],\n      reach: \"+15145550101\", supervisor: true }\n";

    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Fixtures.local("2026-11-24T10:00"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private ConfigFixture files;
    private LiveConfig live;
    private Server server;
    private FakeTwilioRest twilio;
    private AgentDesk desk;
    private String local;

    @BeforeEach
    void start() throws Exception {
        files = ConfigFixture.copyOfShipped(tmp)
                .replace("config/agents.yaml", "tokens-file: /etc/aiguilleur/agent-tokens", "tokens-file: agent-tokens");
        tokens("amelie-roy " + AgentTokens.hashOf(AMELIE), "kevin-obrien " + AgentTokens.hashOf(KEVIN));
        live = new LiveConfig(files.load(), clock, LiveStaffing.UNKNOWN);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        Handler.Wrapper root = new Handler.Wrapper(true);
        server.setHandler(root);
        server.start();
        local = "http://127.0.0.1:" + connector.getLocalPort();
        twilio = new FakeTwilioRest(PUBLIC, local);
        desk = AgentDesk.builder(live.config(), twilio.restClient(), clock)
                .publicBaseUrl(PUBLIC)
                .authToken(FakeTwilioRest.AUTH_TOKEN)
                .executor(Runnable::run)
                .answered((caller, agent, at) -> answered.add(caller.callId() + " " + agent))
                .build();
        live.follow(desk::prepare);
        root.setHandler(new Handler.Sequence(desk.mounts().stream().map(AgentDesk.Mount::handler).toList()));
    }

    @AfterEach
    void stop() throws Exception {
        desk.close();
        twilio.close();
        server.stop();
    }

    private void tokens(String... lines) {
        files.write("config/agent-tokens", String.join("\n", lines) + "\n");
    }

    private void reloadTaken() {
        List<ConfigError> errors = live.tryReload();
        assertEquals(List.of(), errors, "the reload is taken");
    }

    /** PUT .../me/presence through the real HTTP API; the status code. */
    private int presence(String token, String presence) throws IOException, InterruptedException {
        clock.advance(Duration.ofSeconds(1));
        return http.send(HttpRequest.newBuilder(URI.create(local + "/api/agents/me/presence"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"presence\":\"" + presence + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> me(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(local + "/api/agents/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void waiting(String callSid, String queue) {
        twilio.callWaiting(callSid, queue);
        clock.advance(Duration.ofSeconds(1));
        desk.callerQueue().waiting(new WaitingCaller(callSid, queue, "fr-CA", "montreal", "food", "", clock.instant()));
    }

    private boolean offered(String callSid) {
        return !twilio.redirects(callSid).isEmpty();
    }

    private static Element dial(Reply connect) {
        return (Element) connect.xml().getElementsByTagName("Dial").item(0);
    }

    @Test
    void reloadAddsAnAgent_whoSignsInAtOnce_andTakesTheCallerWaiting() throws Exception {
        waiting("CA1", "grand-montreal-es");
        assertEquals(401, presence(ROSA, "available"), "not an agent yet");
        assertFalse(offered("CA1"));

        files.write("config/agents.yaml", files.read("config/agents.yaml") + ROSA_ENTRY);
        tokens("amelie-roy " + AgentTokens.hashOf(AMELIE), "kevin-obrien " + AgentTokens.hashOf(KEVIN),
                "rosa-diaz " + AgentTokens.hashOf(ROSA));
        reloadTaken();
        assertEquals(List.of("CA1"), desk.store().waiting().stream().map(WaitingCaller::callId).toList(),
                "the caller kept their place through the reload");

        assertEquals(200, presence(ROSA, "available"));
        Reply connect = twilio.fetchRedirect("CA1");
        assertEquals("rosa-diaz", ((Element) dial(connect).getElementsByTagName("Client").item(0)).getTextContent().strip());
        twilio.dial("CA1", connect, AgentDoes.ACCEPTS);
        assertEquals(List.of("CA1 rosa-diaz"), answered);
    }

    @Test
    void reloadRemovesAnAgentMidRing_theCallGoesOn_andTheyAreNeverOfferedAgain() throws Exception {
        assertEquals(200, presence(AMELIE, "available"));
        waiting("CA1", "grand-montreal-fr");
        Reply ringing = twilio.fetchRedirect("CA1");

        files.replace("config/agents.yaml", AMELIE_ENTRY, "");
        tokens("kevin-obrien " + AgentTokens.hashOf(KEVIN));
        reloadTaken();
        assertEquals(Optional.empty(), desk.store().state("amelie-roy"), "signed out: no presence left");
        assertEquals(401, me(AMELIE).statusCode(), "their token stops working");

        // The phone that was ringing is answered: whisper, accept key, conversation, as before the reload.
        Reply after = twilio.dial("CA1", ringing, AgentDoes.ACCEPTS);
        assertEquals(List.of("CA1 amelie-roy"), answered);
        assertEquals(1, after.xml().getElementsByTagName("Hangup").getLength(), "the conversation ended normally");

        waiting("CA2", "grand-montreal-fr");
        assertFalse(offered("CA2"), "nobody left who takes French calls is available");
        assertEquals(List.of("CA2"), desk.store().waiting().stream().map(WaitingCaller::callId).toList());
    }

    @Test
    void reloadRemovesAnAgentMidRing_whoMisses_theCallerGoesToTheNextAgent_notBackToThem() throws Exception {
        assertEquals(200, presence(AMELIE, "available"));
        waiting("CA1", "grand-montreal-fr");
        Reply ringing = twilio.fetchRedirect("CA1");
        assertEquals(200, presence(KEVIN, "available")); // idle, but amelie already has the caller

        files.replace("config/agents.yaml", AMELIE_ENTRY, "");
        tokens("kevin-obrien " + AgentTokens.hashOf(KEVIN));
        reloadTaken();

        Reply after = twilio.dial("CA1", ringing, AgentDoes.NO_ANSWER);
        Reply next = twilio.follow("CA1", after);
        assertEquals("+15145550104", ((Element) dial(next).getElementsByTagName("Number").item(0)).getTextContent().strip(),
                "the caller is put straight through to Kevin");
        twilio.dial("CA1", next, AgentDoes.ACCEPTS);
        assertEquals(List.of("CA1 kevin-obrien"), answered);
        assertEquals(Optional.empty(), desk.store().state("amelie-roy"));
    }

    @Test
    void badAgentsYaml_isRefusedWithEveryErrorAndPath_andTheRunningRosterKeepsWorking() throws Exception {
        String good = files.read("config/agents.yaml");
        files.write("config/agents.yaml", good.replace("centre: grand-montreal, languages: [ar, fr]",
                "centre: grand-montréal, languages: [ar, fr]").replace("answer-timeout: 20s", "answer-timeout: 2s"));
        List<ConfigError> errors = live.tryReload();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(e -> e.file().equals("agents.yaml")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("offer.answer-timeout")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("agents[2].centre")
                && e.message().contains("grand-montréal")), errors.toString());

        files.write("config/agents.yaml", good);
        tokens("amelie-roy " + AgentTokens.hashOf(AMELIE), "kevin-obrien sha256:1234", "nobody " + AgentTokens.hashOf(ROSA));
        errors = live.tryReload();
        String tokensFile = files.configDir().resolve("agent-tokens").toString();
        assertEquals(List.of(new ConfigError(tokensFile, "entry 2", "expected \"agent-id sha256:<64 hex digits>\""),
                new ConfigError(tokensFile, "entry 3", "\"nobody\" is not an agent of agents.yaml"
                        + " (remove an agent's token line when removing the agent)")), errors);
        assertFalse(errors.toString().contains(AgentTokens.hashOf(ROSA)), "never the secret");

        // The running roster and tokens still work: Kevin signs in and takes a caller.
        assertEquals(200, presence(KEVIN, "available"));
        waiting("CA1", "grand-montreal-en");
        Reply connect = twilio.fetchRedirect("CA1");
        assertEquals("20", dial(connect).getAttribute("timeout"));
        twilio.dial("CA1", connect, AgentDoes.ACCEPTS);
        assertEquals(List.of("CA1 kevin-obrien"), answered);
    }

    @Test
    void changedTokenHash_takesEffect_theOldTokenIsRefused() throws Exception {
        assertEquals(200, me(KEVIN).statusCode());
        String newToken = "kevin-token-new-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        tokens("amelie-roy " + AgentTokens.hashOf(AMELIE), "kevin-obrien " + AgentTokens.hashOf(newToken));
        reloadTaken();
        assertEquals(401, me(KEVIN).statusCode());
        assertEquals(200, me(newToken).statusCode());
        assertEquals(Optional.of("kevin-obrien"), desk.authenticator().agentFor(newToken));
        assertEquals(200, me(AMELIE).statusCode(), "other tokens are unchanged");
    }

    @Test
    void changedLanguagesWhisperAndTimeout_applyToTheNextOffer_presenceIsKept() throws Exception {
        assertEquals(200, presence(KEVIN, "available"));
        waiting("CA1", "grand-montreal-es");
        assertFalse(offered("CA1"), "Kevin does not speak Spanish yet");

        files.replace("config/agents.yaml", "languages: [en, fr],\n      reach: \"+15145550104\"",
                        "languages: [en, fr, es],\n      reach: \"+15145550104\"")
                .replace("config/agents.yaml", "answer-timeout: 20s", "answer-timeout: 45s")
                .replace("config/agents.yaml", "call: \"Call in {language}", "call: \"New call in {language}");
        reloadTaken();

        assertEquals(org.aiguilleur.agents.presence.Presence.AVAILABLE, desk.store().state("kevin-obrien").orElseThrow().presence());
        Reply connect = twilio.fetchRedirect("CA1");
        assertEquals("45", dial(connect).getAttribute("timeout"));
        twilio.dial("CA1", connect, AgentDoes.ACCEPTS);
        assertEquals(List.of("CA1 kevin-obrien"), answered);
        String whisper = twilio.webhooks().stream().filter(x -> x.url().contains("/twilio/agent/whisper"))
                .map(x -> x.reply().body()).findFirst().orElseThrow();
        assertTrue(whisper.contains("New call in Spanish"), whisper);
    }

    @Test
    void changedAcceptKey_whileAnAgentHearsTheWhisper_theKeyTheyWereToldStillTakesTheCall() throws Exception {
        assertEquals(200, presence(AMELIE, "available"));
        waiting("CA1", "grand-montreal-fr");
        Element noun = (Element) dial(twilio.fetchRedirect("CA1")).getFirstChild();
        Map<String, String> leg = FakeTwilioRest.callParams("CA9", "in-progress");
        leg.put("ParentCallSid", "CA1");
        Reply whisper = twilio.webhook(noun.getAttribute("url"), leg);
        Element gather = (Element) whisper.xml().getElementsByTagName("Gather").item(0);
        assertTrue(whisper.body().contains("Faites le 1"), whisper.body());

        files.replace("config/agents.yaml", "accept-key: \"1\"", "accept-key: \"#\"");
        reloadTaken();
        Map<String, String> keys = new java.util.LinkedHashMap<>(leg);
        keys.put("Digits", "1");
        Reply accepted = twilio.webhook(gather.getAttribute("action"), keys);
        assertEquals(0, accepted.xml().getElementsByTagName("Hangup").getLength(), accepted.body());
        assertEquals(List.of("CA1 amelie-roy"), answered);
    }
}
