package org.aiguilleur.agents.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.agents.AgentDesk;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.presence.Activity;
import org.aiguilleur.agents.presence.AgentState;
import org.aiguilleur.agents.presence.Presence;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.testing.FakeTwilioRest;
import org.aiguilleur.testing.FakeTwilioRest.AgentDoes;
import org.aiguilleur.testing.FakeTwilioRest.Recorded;
import org.aiguilleur.testing.FakeTwilioRest.Reply;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TestClock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/**
 * The whole delivery loop: the door reports a waiting caller, the desk dequeues them through the
 * (fake) Twilio REST API, Twilio fetches the signed connect URL from our real Jetty server, rings the
 * agent, plays the whisper, gathers the accept key and posts the Dial result.
 */
class AgentDeliveryTest {
    private static final String PUBLIC = "https://211.example.org";
    private static final String KEVIN_TOKEN = "kevin-token-3b5d7f9a1c3e5a7b9d1f3a5c7e9b1d3f";
    private final TestClock clock = new TestClock(Fixtures.local("2026-11-24T10:00"));
    private Server server;
    private FakeTwilioRest twilio;
    private AgentDesk desk;
    private String local;
    private Handler.Wrapper root;
    /** What the desk told the door: an agent took a caller ("callId queue agent at"). */
    private final List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        root = new Handler.Wrapper(true); // dynamic: the desk needs the port first
        server.setHandler(root);
        server.start();
        local = "http://127.0.0.1:" + connector.getLocalPort();
        twilio = new FakeTwilioRest(PUBLIC, local);
        desk = AgentDesk.builder(Fixtures.shipped(), twilio.restClient(), clock)
                .publicBaseUrl(PUBLIC + "/")
                .authToken(FakeTwilioRest.AUTH_TOKEN)
                .environment(Map.of(AgentTokens.ENV_TOKENS, "kevin-obrien " + AgentTokens.hashOf(KEVIN_TOKEN)))
                .executor(Runnable::run)
                .answered((caller, agent, at) -> answered.add(caller.callId() + " " + caller.queue() + " " + agent + " " + at))
                .build();
        root.setHandler(new Handler.Sequence(desk.mounts().stream().map(AgentDesk.Mount::handler).toList()));
    }

    @Test
    void agentWhoAccepts_isReportedAsHavingTakenTheCall_once() {
        available("amelie-roy");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        Reply connect = twilio.fetchRedirect("CA1");
        assertEquals(List.of(), answered, "ringing an agent is no answer");
        clock.advance(Duration.ofSeconds(12));
        twilio.dial("CA1", connect, AgentDoes.ACCEPTS);
        assertEquals(List.of("CA1 grand-montreal-fr amelie-roy " + clock.instant()), answered);
    }

    @Test
    void agentWhoMisses_isNotReported_theNextWhoAcceptsIs() {
        available("amelie-roy");
        available("kevin-obrien");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        Reply after = twilio.dial("CA1", twilio.fetchRedirect("CA1"), AgentDoes.NO_ANSWER);
        assertEquals(List.of(), answered);
        twilio.dial("CA1", twilio.follow("CA1", after), AgentDoes.ACCEPTS);
        assertEquals(List.of("CA1 grand-montreal-fr kevin-obrien " + clock.instant()), answered);
    }

    @ParameterizedTest
    @EnumSource(value = AgentDoes.class, names = {"NO_ANSWER", "BUSY", "DECLINES", "STAYS_SILENT"})
    void callNotTaken_thenCallerHangsUp_isNeverReportedAsAnswered(AgentDoes agent) {
        available("amelie-roy");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        twilio.dial("CA1", twilio.fetchRedirect("CA1"), agent);
        desk.callerQueue().left("CA1");
        assertEquals(List.of(), answered);
    }

    @AfterEach
    void stop() throws Exception {
        desk.close();
        twilio.close();
        server.stop();
    }

    private void available(String agent) {
        clock.advance(Duration.ofSeconds(1));
        assertTrue(desk.setPresence(agent, Presence.AVAILABLE));
    }

    private void waiting(String callSid, String queue, String language, String need, String interpreter) {
        twilio.callWaiting(callSid, queue);
        clock.advance(Duration.ofSeconds(1));
        desk.callerQueue().waiting(new WaitingCaller(callSid, queue, language, "montreal", need, interpreter, clock.instant()));
    }

    private AgentState state(String agent) {
        return desk.store().state(agent).orElseThrow();
    }

    private List<Recorded> posts() {
        return twilio.requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    @Test
    void waitingCaller_isDequeuedToTheAgent_whoHearsTheWhisper_acceptsAndTalks() {
        available("carlos-mendez");
        waiting("CA1", "grand-montreal-es", "es", "housing", "");

        Recorded dequeue = posts().get(0);
        assertTrue(dequeue.path().matches("/2010-04-01/Accounts/" + FakeTwilioRest.ACCOUNT_SID + "/Queues/QU\\w{32}/Members/CA1\\.json"),
                dequeue.path());
        assertTrue(dequeue.form().get("Url").startsWith(PUBLIC + "/twilio/agent/connect?offer="), dequeue.form().toString());
        assertEquals("POST", dequeue.form().get("Method"));
        assertEquals(Optional.empty(), twilio.queueOf("CA1"));
        assertEquals(Activity.OFFERED, state("carlos-mendez").activity());

        Reply connect = twilio.fetchRedirect("CA1");
        Element dial = (Element) connect.xml().getElementsByTagName("Dial").item(0);
        assertEquals("20", dial.getAttribute("timeout"));
        assertTrue(dial.getAttribute("action").startsWith(PUBLIC + "/twilio/agent/dial-result?offer="));
        Element client = (Element) dial.getElementsByTagName("Client").item(0);
        assertEquals("carlos-mendez", client.getTextContent().strip());

        Reply after = twilio.dial("CA1", connect, AgentDoes.ACCEPTS);
        String whisper = twilio.webhooks().stream().filter(x -> x.url().contains("/whisper")).findFirst().orElseThrow().reply().body();
        assertTrue(whisper.contains("Appel en espagnol, région Montréal, besoin : logement. Faites le 1 pour prendre l&apos;appel.")
                || whisper.contains("Appel en espagnol, région Montréal, besoin : logement. Faites le 1 pour prendre l'appel."), whisper);
        assertTrue(whisper.contains("language=\"fr-CA\""), whisper);
        assertEquals(1, after.xml().getElementsByTagName("Hangup").getLength(), after.body());
        AgentState carlos = state("carlos-mendez");
        assertEquals(Activity.IDLE, carlos.activity());
        assertEquals(Presence.AVAILABLE, carlos.presence());
        assertEquals(clock.instant(), carlos.idleSince());
        assertEquals(List.of(), desk.store().waiting());
    }

    @Test
    void whisper_namesTheInterpreterLanguage_inTheAgentsWhisperLanguage() {
        available("kevin-obrien");
        waiting("CA1", "grand-montreal-en", "ps", "food", "ps");
        twilio.dial("CA1", twilio.fetchRedirect("CA1"), AgentDoes.ACCEPTS);
        String whisper = twilio.webhooks().stream().filter(x -> x.url().contains("/whisper")).findFirst().orElseThrow().reply().body();
        assertTrue(whisper.contains("Call in English with an interpreter for Pashto, region Montréal, need: food. Press 1 to take the call."), whisper);
        assertTrue(whisper.contains("language=\"en-CA\""), whisper);
    }

    @Test
    void agentWhoDoesNotAnswer_isSetAway_andTheCallerGoesStraightToTheNextAgent() {
        available("amelie-roy");
        available("kevin-obrien");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        Reply first = twilio.fetchRedirect("CA1");
        assertTrue(first.body().contains("+15145550101"), first.body()); // Amélie, idle the longest

        Reply after = twilio.dial("CA1", first, AgentDoes.NO_ANSWER);
        assertEquals(Presence.AWAY, state("amelie-roy").presence());
        assertEquals(1, after.xml().getElementsByTagName("Redirect").getLength(), after.body());
        Reply second = twilio.follow("CA1", after);
        assertTrue(second.body().contains("+15145550104"), second.body()); // Kevin
        assertEquals(1, posts().size(), "the next agent is reached without another REST call");
        assertEquals(1, twilio.dial("CA1", second, AgentDoes.ACCEPTS).xml().getElementsByTagName("Hangup").getLength());
    }

    @ParameterizedTest
    @EnumSource(value = AgentDoes.class, names = {"NO_ANSWER", "BUSY", "DECLINES", "STAYS_SILENT"})
    void callNotTaken_putsTheCallerBackInTheQueueAtTheFront_andTheNextAvailableAgentGetsThem(AgentDoes agent) throws Exception {
        available("amelie-roy");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        Reply after = twilio.dial("CA1", twilio.fetchRedirect("CA1"), agent);
        assertEquals("grand-montreal-fr", after.xml().getElementsByTagName("Enqueue").item(0).getTextContent().strip(), after.body());
        assertEquals(Optional.of("grand-montreal-fr"), twilio.queueOf("CA1"));
        assertEquals(Presence.AWAY, state("amelie-roy").presence());

        waiting("CA2", "grand-montreal-fr", "fr-CA", "food", "");
        assertEquals(List.of("CA1", "CA2"), desk.store().waiting().stream().map(WaitingCaller::callId).toList());

        // Kevin signs in through the presence API: CA1, back at the front, is dequeued to him.
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local + "/api/agents/me/presence"))
                .header("Authorization", "Bearer " + KEVIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"presence\":\"available\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(posts().get(posts().size() - 1).path().endsWith("/Members/CA1.json"));
        assertEquals(2, twilio.redirects("CA1").size());
        assertEquals(List.of("CA2"), desk.store().waiting().stream().map(WaitingCaller::callId).toList());
        assertTrue(twilio.fetchRedirect("CA1").body().contains("+15145550104"));
    }

    @Test
    void doorSayingTheCallerLeftTheQueue_whenDequeuedToTheAgent_doesNotLoseThemIfTheAgentMisses() {
        available("amelie-roy");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "", "");
        Reply connect = twilio.fetchRedirect("CA1");
        desk.callerQueue().left("CA1"); // the door's Enqueue action, QueueResult=redirected
        Reply after = twilio.dial("CA1", connect, AgentDoes.NO_ANSWER);
        assertEquals("grand-montreal-fr", after.xml().getElementsByTagName("Enqueue").item(0).getTextContent().strip());
        assertEquals(List.of("CA1"), desk.store().waiting().stream().map(WaitingCaller::callId).toList());
        available("kevin-obrien");
        Reply second = twilio.fetchRedirect("CA1");
        assertTrue(second.body().contains("+15145550104"), second.body());
        twilio.dial("CA1", second, AgentDoes.ACCEPTS);
        String whisper = twilio.webhooks().stream().filter(x -> x.url().contains("/whisper")).reduce((a, b) -> b).orElseThrow()
                .reply().body();
        assertTrue(whisper.contains("Call in French, region Montréal, need: other need."), whisper);
    }

    @Test
    void doorRequeueThatFails_stillPutsTheCallerInTheirQueue() {
        desk.close();
        desk = AgentDesk.builder(Fixtures.shipped(), twilio.restClient(), clock)
                .publicBaseUrl(PUBLIC).authToken(FakeTwilioRest.AUTH_TOKEN).executor(Runnable::run)
                .requeue(caller -> {
                    throw new IllegalStateException("door bug");
                })
                .build();
        root.setHandler(new Handler.Sequence(desk.mounts().stream().map(AgentDesk.Mount::handler).toList()));
        available("amelie-roy");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        Reply after = twilio.dial("CA1", twilio.fetchRedirect("CA1"), AgentDoes.BUSY);
        assertEquals(200, after.status());
        assertEquals("grand-montreal-fr", after.xml().getElementsByTagName("Enqueue").item(0).getTextContent().strip());
    }

    @Test
    void callerWhoHangsUpWhileTheAgentRings_freesTheAgent_forTheNextCaller() {
        available("amelie-roy");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        waiting("CA2", "grand-montreal-fr", "fr-CA", "food", "");
        Reply connect = twilio.fetchRedirect("CA1");
        desk.callerQueue().left("CA1"); // the door's status callback
        Reply after = twilio.callerHangsUpDuringDial("CA1", connect);
        assertEquals(200, after.status());
        assertEquals(0, after.xml().getDocumentElement().getChildNodes().getLength(), after.body());
        assertEquals(Presence.AVAILABLE, state("amelie-roy").presence());
        assertTrue(posts().get(posts().size() - 1).path().endsWith("/Members/CA2.json"), "CA2 goes to Amélie");
        assertEquals(List.of(), desk.store().waiting());
    }

    @Test
    void callerWhoHungUpBeforeTheDequeue_isForgotten_andTheAgentStaysFree() {
        available("amelie-roy");
        twilio.callWaiting("CA1", "grand-montreal-fr");
        twilio.hangUp("CA1");
        desk.callerQueue().waiting(new WaitingCaller("CA1", "grand-montreal-fr", "fr-CA", "montreal", "food", "", clock.instant()));
        List<Recorded> posts = posts();
        assertTrue(posts.get(0).path().endsWith("/Members/CA1.json"));   // 404: not in the queue
        assertTrue(posts.get(1).path().endsWith("/Calls/CA1.json"));     // 400 21220: not in progress
        assertEquals(Activity.IDLE, state("amelie-roy").activity());
        assertEquals(Presence.AVAILABLE, state("amelie-roy").presence());
        assertEquals(List.of(), desk.store().waiting());
    }

    @Test
    void callerNotYetInTheTwilioQueue_isRedirectedByCall() {
        available("amelie-roy");
        twilio.callWaiting("CA0", "grand-montreal-fr"); // the queue exists
        twilio.callInProgress("CA1");                    // but CA1's <Enqueue> has not run yet
        desk.callerQueue().waiting(new WaitingCaller("CA1", "grand-montreal-fr", "fr-CA", "montreal", "food", "", clock.instant()));
        assertTrue(posts().get(1).path().endsWith("/Calls/CA1.json"));
        assertEquals("POST", posts().get(1).form().get("Method"));
        assertTrue(twilio.fetchRedirect("CA1").body().contains("<Dial"));
    }

    @Test
    void restFailures_leaveTheCallerWaitingAtTheFront_untilARetrySucceeds() {
        available("amelie-roy");
        twilio.failAll(500);
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        assertEquals(Optional.of("grand-montreal-fr"), twilio.queueOf("CA1"));
        assertEquals(List.of("CA1"), desk.store().waiting().stream().map(WaitingCaller::callId).toList());
        assertEquals(Activity.IDLE, state("amelie-roy").activity());
        assertEquals(Presence.AVAILABLE, state("amelie-roy").presence());

        twilio.failAll(429);
        int before = posts().size();
        desk.tick(); // not yet due again
        assertEquals(before, posts().size());
        clock.advance(Duration.ofSeconds(10));
        desk.tick();
        assertTrue(posts().size() > before);
        assertEquals(List.of("CA1"), desk.store().waiting().stream().map(WaitingCaller::callId).toList());

        twilio.recover();
        before = posts().size();
        clock.advance(Duration.ofSeconds(10));
        desk.tick();
        assertEquals(before + 1, posts().size());
        assertEquals(Optional.empty(), twilio.queueOf("CA1"));
        assertEquals(1, twilio.redirects("CA1").size());
        assertEquals(Activity.OFFERED, state("amelie-roy").activity());
    }

    @Test
    void webhooksWithoutAValidSignature_areRefused() {
        available("amelie-roy");
        waiting("CA1", "grand-montreal-fr", "fr-CA", "food", "");
        String url = twilio.redirects("CA1").get(0);
        Map<String, String> params = FakeTwilioRest.callParams("CA1", "in-progress");
        assertEquals(403, twilio.send(url, params, null).status());
        assertEquals(403, twilio.send(url, params, "bm90IGEgc2lnbmF0dXJl").status());
        String signedForLocal = FakeTwilioRest.signature(FakeTwilioRest.AUTH_TOKEN, local + url.substring(PUBLIC.length()), params);
        assertEquals(403, twilio.send(url, params, signedForLocal).status(), "signed for the proxied URL, not the public one");
        String altered = url.replace("queue=grand-montreal-fr", "queue=grand-montreal-en");
        assertEquals(403, twilio.send(altered, params, FakeTwilioRest.signature(FakeTwilioRest.AUTH_TOKEN, url, params)).status());
        assertEquals(200, twilio.webhook(url, params).status());
    }

    @Test
    void shippedDesk_withItsOwnDeliveryThreads_dequeuesTheCaller() throws Exception {
        // No tokens in the environment and the shipped tokens file absent here: nobody can sign in, delivery still works.
        try (AgentDesk own = AgentDesk.builder(Fixtures.shipped(), twilio.restClient(), clock)
                .publicBaseUrl(PUBLIC).authToken(FakeTwilioRest.AUTH_TOKEN).build().start()) {
            assertEquals(Optional.empty(), own.authenticator().agentFor(KEVIN_TOKEN));
            own.store().setPresence("luc-bouchard", Presence.AVAILABLE, clock.instant());
            twilio.callWaiting("CA7", "quebec-regions-fr");
            own.callerQueue().waiting(new WaitingCaller("CA7", "quebec-regions-fr", "fr-CA", "capitale-nationale", "food", "",
                    clock.instant()));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (twilio.redirects("CA7").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, twilio.redirects("CA7").size());
            assertTrue(twilio.redirects("CA7").get(0).startsWith(PUBLIC + "/twilio/agent/connect?offer="));
        }
    }

    @Test
    void wrongMethodOrOversizedForm_isRefusedWithoutAStackTrace() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(local + "/twilio/agent/connect?offer=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(local + "/twilio/agent/connect?offer=x"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Digits=" + "1".repeat(64 * 1024))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, big.statusCode());
        assertFalse(big.body().contains("Exception"), big.body());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(local + "/twilio/agent/elsewhere"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void unknownOffer_sendsTheCallerBackToTheirQueue() {
        Reply r = twilio.webhook(PUBLIC + "/twilio/agent/connect?offer=gone&queue=quebec-regions-fr",
                FakeTwilioRest.callParams("CA9", "in-progress"));
        assertEquals("quebec-regions-fr", r.xml().getElementsByTagName("Enqueue").item(0).getTextContent().strip());
        Reply noQueue = twilio.webhook(PUBLIC + "/twilio/agent/dial-result?offer=gone", FakeTwilioRest.callParams("CA9", "in-progress"));
        assertEquals("grand-montreal-fr", noQueue.xml().getElementsByTagName("Enqueue").item(0).getTextContent().strip());
        assertFalse(noQueue.body().contains("Exception"));
    }
}
